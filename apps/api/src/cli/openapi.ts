import { ModulesContainer, NestFactory, RouterModule } from '@nestjs/core';
import { ROUTES } from '@nestjs/core/router/router-module';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';
import { buildOpenApiDocument } from '../swagger';

/**
 * `npm run openapi`: writes openapi.json from the compiled app without a server or a
 * database. Preview mode builds the module graph without instantiating providers, so nothing
 * connects anywhere.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: ['error'],
  });
  // RouterModule stamps /api/v1 on its modules in its constructor, which preview mode never
  // runs; without this the spec would list /risks where the server serves /api/v1/risks.
  new RouterModule(app.get(ModulesContainer), app.get(ROUTES, { strict: false }));
  const document = buildOpenApiDocument(app);
  const target = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`Wrote ${target}\n`);
}

void main();
