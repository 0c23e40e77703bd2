import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfigService, validateEnvironment } from '@rct/config';
import TestAgent from 'supertest/lib/agent';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createFastifyAdapter } from '../../apps/api/src/fastify-adapter';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-only-secret-that-is-at-least-32-chars';
export const TEST_ADMIN = { email: 'admin@rct.test', password: 'admin-password-0001' };

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  database: TestDatabase;
  /** Runs SQL on the app's database, outside any request. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  imports?: Type<unknown>[];
  /** Reuse a database instead of creating one (the caller drops it). */
  database?: TestDatabase;
}

/**
 * The production app (same module graph, same configureApp) on a database of this test file's
 * own. Environment overrides replace what the process environment says.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const env = validateEnvironment({
    ...process.env,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...database.env,
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule, ...(options.imports ?? [])],
  })
    .overrideProvider(AppConfigService)
    .useValue(new AppConfigService(env))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(env), {
    bufferLogs: true,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    database,
    sql: (query, params) => app.get(DataSource).query(query, params),
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
