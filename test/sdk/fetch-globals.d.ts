/**
 * tsconfig.json compiles for Node without the DOM library. @types/node declares fetch's
 * Request, Response, Headers and FormData globally but not the DOM's `BodyInit` alias, which
 * the generated fetch client names; this declares it from the same (undici) types.
 */
type BodyInit = NonNullable<RequestInit['body']>;
