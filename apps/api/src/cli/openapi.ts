import { NestFactory } from '@nestjs/core';
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
  const document = buildOpenApiDocument(app);
  const target = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`Wrote ${target}\n`);
}

void main();
