import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES } from '@rct/auth';
import { OpenApiContract } from './support/openapi-contract';
import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

/** Routes that are not the API: the docs, `/` (which leads to them) and the test-only probes. */
const NOT_API = /^\/$|^\/docs(\/|$)|^\/api\/v1\/__probe(\/|$)/;

interface Handler {
  controller: string;
  name: string;
  operationId: string | undefined;
  isPublic: boolean;
  roles: string[];
}

describe('OpenAPI route inventory', () => {
  const { document } = OpenApiContract.load();
  let t: TestApp;

  beforeAll(async () => {
    // With the probes mounted, so the test shows they are told apart from the API.
    t = await createTestApp({ imports: [ProbeModule] });
  });

  afterAll(() => t.close());

  function apiRoutes(): { method: string; path: string }[] {
    return t.routes
      .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS')
      .filter((route) => !NOT_API.test(route.url))
      .map((route) => ({
        method: route.method.toLowerCase(),
        path: route.url.replace(/:(\w+)/g, '{$1}'),
      }));
  }

  /** Every route handler of every controller, with what the guards read from it. */
  function handlers(): Handler[] {
    const reflector = t.app.get(Reflector);
    const scanner = new MetadataScanner();
    const found: Handler[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
        if (!controller) continue;
        for (const name of scanner.getAllMethodNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as
            { operationId?: string } | undefined;
          found.push({
            controller: controller.name,
            name,
            operationId: operation?.operationId,
            isPublic:
              reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true,
            roles:
              reflector.getAllAndOverride<string[] | undefined>(ROLES, [handler, controller]) ?? [],
          });
          expect(Reflect.getMetadata(METHOD_METADATA, handler)).not.toBe(RequestMethod.ALL);
        }
      }
    }
    return found;
  }

  function operationById(operationId: string) {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.operationId === operationId) return { path, method, operation };
      }
    }
    return undefined;
  }

  it('should document every route the app registers', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter(({ method, path }) => !document.paths[path]?.[method]);
    expect(missing).toEqual([]);
  });

  it('should register every operation the spec documents', () => {
    const registered = new Set(apiRoutes().map(({ method, path }) => `${method} ${path}`));
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((operation) => !registered.has(operation))).toEqual([]);
  });

  it('should give every route handler an operationId the spec carries', () => {
    const found = handlers().filter((handler) => !handler.controller.startsWith('Probe'));
    expect(found.length).toBe(apiRoutes().length);
    const unnamed = found.filter(({ operationId }) => !operationId || !operationById(operationId));
    expect(unnamed).toEqual([]);
  });

  it('should declare security exactly where the guards demand a token, and 401/403 with it', () => {
    const mismatches = handlers()
      .filter((handler) => !handler.controller.startsWith('Probe'))
      .flatMap(({ controller, name, operationId, isPublic, roles }) => {
        const { operation } = operationById(operationId ?? '') ?? {};
        if (!operation) return [];
        const spec = operation as typeof operation & { security?: Record<string, string[]>[] };
        const where = `${controller}.${name} (${operationId})`;
        const problems: string[] = [];
        const bearer = (spec.security ?? []).some((requirement) => 'bearer' in requirement);
        if (bearer === isPublic) {
          problems.push(
            `${where}: public=${isPublic} but security=${JSON.stringify(spec.security)}`,
          );
        }
        if (!isPublic && !operation.responses['401']) problems.push(`${where}: no 401`);
        if (roles.length > 0 && !operation.responses['403']) problems.push(`${where}: no 403`);
        return problems;
      });
    expect(mismatches).toEqual([]);
  });
});
