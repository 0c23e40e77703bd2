import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from '@rct/auth';
import { FRAMEWORK_PROBLEMS, problemResponse } from '@rct/common';
import { description, license, version } from '../../../package.json';
import { normalizeOpenApiDocument } from './openapi-normalizer';

export const API_TITLE = 'Risk Compliance Tracker API';

/** One tag per domain, in the order Swagger UI lists them. */
const TAGS: [name: string, description: string][] = [
  ['auth', 'Sign in, tokens, your own profile and password.'],
  ['users', 'User accounts and roles (admins only).'],
  ['risks', 'The risk register: likelihood x impact, severity, treatment.'],
  ['controls', 'Controls that treat a risk, with framework references.'],
  ['evidence', 'Evidence that a control works: links or uploaded files, and their review.'],
  ['tasks', 'Work items that treat a risk.'],
  ['reports', 'The register at a glance: summary counts, the heat map, risk owners.'],
  ['risk-reviews', 'Periodic reviews of a risk, which move its next review date on.'],
  ['risk-acceptances', 'Formal acceptance of a risk until a date, with separation of duties.'],
  ['audit', 'The tamper-evident audit trail (admins only).'],
  ['webhooks', 'Signed event deliveries to your endpoints (admins only).'],
  ['api-keys', 'API keys for machine clients: send the secret as X-API-Key.'],
  ['health', 'Liveness and readiness probes for orchestrators.'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setDescription(description)
    .setVersion(version)
    .setLicense(license, `https://spdx.org/licenses/${license}.html`)
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The `accessToken` from POST /api/v1/auth/login or /api/v1/auth/refresh.',
    })
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'The `secret` from POST /api/v1/api-keys (`rct_…`), instead of a bearer token.',
      },
      API_KEY_SCHEME,
    )
    // Any operation can fail unexpectedly; documented once, here.
    .addGlobalResponse(problemResponse(500))
    // What Fastify and Node refuse before a route runs; an operation's own 400 wins over this.
    .addGlobalResponse(...FRAMEWORK_PROBLEMS.map(problemResponse))
    // The rate limits cover every operation but the health probes (see the normalizer).
    .addGlobalResponse(
      problemResponse({
        status: 429,
        description:
          'A rate limit is reached (RATE_LIMIT_ANONYMOUS per client address, RATE_LIMIT_AUTHENTICATED per user); wait as long as Retry-After says.',
      }),
    );
  for (const [name, text] of TAGS) builder.addTag(name, text);
  return normalizeOpenApiDocument(SwaggerModule.createDocument(app, builder.build()));
}

/**
 * Swagger UI at /docs, the spec at /docs/openapi.json, and `/` pointing at them: a newcomer
 * opening the bare address lands on the docs. A plain Fastify route, so not in the spec.
 */
export function setupSwagger(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .get('/', (_request, reply) => reply.redirect('/docs', 302));
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: API_TITLE,
    swaggerOptions: {
      // The token pasted into Authorize survives reloads (kept in localStorage).
      persistAuthorization: true,
      displayRequestDuration: true,
      displayOperationId: true,
      tryItOutEnabled: true,
      // Never send the spec's address to swagger.io's public validator.
      validatorUrl: null,
    },
  });
}
