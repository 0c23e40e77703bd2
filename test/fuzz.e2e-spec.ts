import fc from 'fast-check';
import { Response } from 'supertest';
import { bearer, createUserAndLogin, loginAdmin, Role, Session } from './support/auth-helpers';
import { createControl, createEvidence, createRisk } from './support/domain-helpers';
import { FuzzOperation, FuzzRequest, operationsOf, SpecArbitraries } from './support/fuzz-requests';
import { OpenApiContract } from './support/openapi-contract';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every operation in openapi.json, as each role and anonymously, with
 * hostile input of every class (fuzz-values.ts). Invariants: no 5xx, every 4xx is problem+json
 * with its status repeated in the body, every response matches the spec, and the server stays
 * ready. Seeded: FUZZ_SEED reproduces a run; FUZZ_RUNS sets the requests per operation.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 60;
const PROBLEM_JSON = /^application\/problem\+json/;

interface Violation {
  operation: string;
  request: string;
  kinds: string[];
  problem: string;
}

function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined ? '' : ` body=${JSON.stringify(String(request.body).slice(0, 160))}`;
  return `${request.role} ${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)}${body}`;
}

/** What is wrong with the response, beyond what the contract check already asserted. */
function invariantViolation(res: Response): string | undefined {
  if (res.status >= 500) return `answered ${res.status}`;
  if (res.status < 400) return undefined;
  if (!PROBLEM_JSON.test(String(res.headers['content-type']))) {
    return `${res.status} is ${String(res.headers['content-type'])}, not problem+json`;
  }
  const status = (res.body as { status?: unknown }).status;
  return status === res.status ? undefined : `${res.status} carries status ${String(status)}`;
}

/** The problem without the request in it, so equal problems group together. */
function problemClass(problem: string): string {
  const contract = /-> (\d{3})\):/.exec(problem);
  if (contract) return `${contract[1]} off-spec`;
  return problem.slice(0, 80);
}

describe('Fuzzing every operation of openapi.json', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  const ids = new Map<string, string[]>();
  const violations: Violation[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  const startedAt = Date.now();

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces), ${RUNS} requests per operation`);
    t = await createTestApp();
    const admin = await loginAdmin(t);
    sessions.set('admin', admin);
    for (const role of ['manager', 'analyst', 'viewer'] as const) {
      sessions.set(role, await createUserAndLogin(t, admin, role));
    }
    // A user the fuzzer may change at will, and one record of each kind to aim at.
    const victim = await t.http
      .post('/api/v1/users')
      .set(...bearer(admin))
      .send({
        email: 'victim@rct.test',
        fullName: 'Victim',
        role: 'viewer',
        password: 'victim-password-1',
      });
    const risk = await createRisk(t, admin);
    const control = await createControl(t, admin, risk.id);
    const evidence = await createEvidence(t, admin, control.id);
    const task = await t.http
      .post('/api/v1/tasks')
      .set(...bearer(admin))
      .send({ riskId: risk.id, title: 'Fuzz task', assigneeId: admin.user.id });
    const events = await t.http.get('/api/v1/audit-events?limit=1').set(...bearer(admin));
    for (const res of [victim, task]) {
      if (res.status !== 201) throw new Error(`fixture failed: ${res.status} ${res.text}`);
    }
    ids.set('/api/v1/users/{id}', [(victim.body as { id: string }).id]);
    ids.set('/api/v1/risks/{id}', [risk.id]);
    ids.set('/api/v1/controls/{id}', [control.id]);
    ids.set('/api/v1/evidence/{id}', [evidence.id]);
    ids.set('/api/v1/tasks/{id}', [(task.body as { id: string }).id]);
    ids.set('/api/v1/audit-events/{id}', [
      (events.body as { items: { id: string }[] }).items[0].id,
    ]);
  });

  afterAll(async () => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b);
    console.log(
      `fuzz: ${requests} requests in ${seconds} s, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries(histogram))}`,
    );
    await t?.close();
  });

  const knownIds = (template: string): string[] =>
    ids.get(template.replace(/\/\{id\}\/.*$/, '/{id}')) ?? [];

  async function send(request: FuzzRequest): Promise<Response> {
    const agent = t.http as unknown as Record<string, (url: string) => import('supertest').Test>;
    let test = agent[request.method.toLowerCase()](request.url);
    const session = request.role === 'anonymous' ? undefined : sessions.get(request.role);
    if (session) test = test.set(...bearer(session));
    for (const [name, value] of Object.entries(request.headers)) test = test.set(name, value);
    if (request.body !== undefined) test = test.send(request.body);
    return test;
  }

  async function exercise(operation: FuzzOperation, request: FuzzRequest): Promise<void> {
    requests += 1;
    const name = `${operation.method} ${operation.template}`;
    try {
      const res = await send(request);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (process.env.FUZZ_DEBUG) {
        console.log(`${res.status} ${describeRequest(request)} -> ${res.text.slice(0, 200)}`);
      }
      const problem = invariantViolation(res);
      if (problem) {
        violations.push({
          operation: name,
          request: describeRequest(request),
          kinds: request.kinds,
          problem,
        });
      }
    } catch (error) {
      // The contract check throws; so does a connection the server dropped.
      violations.push({
        operation: name,
        request: describeRequest(request),
        kinds: request.kinds,
        problem: (error as Error).message.split('\n').slice(0, 3).join(' '),
      });
    }
  }

  // FUZZ_ONLY=createRisk,listRisks narrows a run to some operations, to reproduce a failure.
  const only = process.env.FUZZ_ONLY?.split(',');
  const operations = operationsOf(OpenApiContract.load().document).filter(
    (operation) => !only || only.includes(operation.operationId),
  );

  it.each(operations.map((operation, index) => [operation.operationId, operation, index] as const))(
    'should answer %s without a 5xx, as problem+json and as the spec says',
    async (_id, operation, index) => {
      const before = violations.length;
      const arbitraries = new SpecArbitraries(OpenApiContract.load().document, knownIds);
      await fc.assert(
        fc.asyncProperty(arbitraries.request(operation), (request) => exercise(operation, request)),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(200);
      const found = violations.slice(before);
      expect(found.slice(0, 5)).toEqual([]);
    },
    120_000,
  );

  it('should summarise what it found by input class', () => {
    const byClass = new Map<string, number>();
    for (const violation of violations) {
      const key = `${violation.operation}: ${problemClass(violation.problem)} [${violation.kinds.join(',') || 'well-formed'}]`;
      byClass.set(key, (byClass.get(key) ?? 0) + 1);
    }
    if (byClass.size > 0) {
      console.log(
        `fuzz violations (${violations.length}):\n${[...byClass.entries()]
          .sort(([, a], [, b]) => b - a)
          .map(([key, count]) => `${count}\t${key}`)
          .join('\n')}`,
      );
    }
    expect(violations.length).toBe(0);
  });
});
