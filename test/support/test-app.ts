import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfigService, validateEnvironment } from '@rct/config';
import TestAgent from 'supertest/lib/agent';
import request, { Response, Test as SupertestTest } from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createFastifyAdapter } from '../../apps/api/src/fastify-adapter';
import { OpenApiContract } from './openapi-contract';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-only-secret-that-is-at-least-32-chars';
export const TEST_ADMIN = { email: 'admin@rct.test', password: 'admin-password-0001' };

/** A route as Fastify registered it. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Supertest against the app; every response is checked against openapi.json. */
  http: TestAgent;
  /** Every route the app registered, in registration order. */
  routes: RegisteredRoute[];
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
    // Suites send hundreds of requests a minute from one address; the rate-limit suites turn
    // the limits on.
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_AUTHENTICATED: '0',
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
  const routes: RegisteredRoute[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
  try {
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // An app that refuses to start must not leave its connections or database behind.
    await app.close();
    if (ownsDatabase) await database.drop();
    throw error;
  }
  return {
    app,
    http: checkedAgainstSpec(request(app.getHttpServer())),
    routes,
    database,
    sql: (query, params) => app.get(DataSource).query(query, params),
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}

/** Whether any body bytes came back, however supertest parsed them. */
function hasBody(res: Response): boolean {
  const length = res.headers['content-length'] as string | undefined;
  if (length !== undefined) return Number(length) > 0;
  if (typeof res.text === 'string') return res.text.length > 0;
  return Buffer.isBuffer(res.body) ? res.body.length > 0 : res.body !== undefined;
}

/**
 * Adds the OpenAPI contract check to every request made through the agent, as the first
 * assertion: a response the spec does not describe fails the test that received it.
 */
function checkedAgainstSpec(agent: TestAgent): TestAgent {
  const contract = OpenApiContract.load();
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      // Every function of a supertest agent starts a request: get, post, ..., del.
      return (url: string): SupertestTest => {
        const test = Reflect.apply(value, target, [url]) as SupertestTest & { method: string };
        const method = test.method;
        return test.expect((res: Response) =>
          contract.assert({
            method,
            url,
            status: res.status,
            headers: res.headers,
            body: res.body,
            hasBody: hasBody(res),
          }),
        );
      };
    },
  });
}
