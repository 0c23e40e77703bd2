/** A person who signs in with a password, or a machine client that uses only API keys. */
export enum UserKind {
  Human = 'human',
  Service = 'service',
}
