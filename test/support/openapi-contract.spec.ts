import { randomUUID } from 'node:crypto';
import { ObservedResponse, OpenApiContract } from './openapi-contract';

const PROBLEM = { 'content-type': 'application/problem+json; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function problem(status: number, url: string): Record<string, unknown> {
  return {
    type: 'urn:problem-type:rct:not-found',
    title: 'Resource not found',
    status,
    detail: 'No risk with that id.',
    instance: url,
    requestId: 'req-1',
  };
}

function risk(): Record<string, unknown> & { id: string } {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    title: 'Ransomware encrypts the file servers',
    description: '',
    category: 'Security',
    ownerId: randomUUID(),
    likelihood: 4,
    impact: 5,
    inherentScore: 20,
    severity: 'critical',
    residualLikelihood: null,
    residualImpact: null,
    residualScore: null,
    residualSeverity: null,
    status: 'open',
    treatment: 'untreated',
    nextReviewAt: null,
    reviewIntervalDays: 90,
    lastReviewedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

function observed(overrides: Partial<ObservedResponse>): ObservedResponse {
  return {
    method: 'GET',
    url: '/api/v1/risks',
    status: 200,
    headers: JSON_TYPE,
    body: { items: [], total: 0, limit: 20, offset: 0 },
    hasBody: true,
    ...overrides,
  };
}

describe(OpenApiContract.name, () => {
  const contract = OpenApiContract.load();

  describe('check', () => {
    it('should accept a documented status whose body matches its schema', () => {
      expect(contract.check(observed({ url: '/api/v1/risks?limit=5' }))).toEqual([]);
    });

    it('should fail a status the operation does not document', () => {
      const violations = contract.check(
        observed({ status: 418, headers: PROBLEM, body: problem(418, '/api/v1/risks') }),
      );
      expect(violations).toEqual([
        expect.stringMatching(
          /GET \/api\/v1\/risks answered 418, which the spec does not document/,
        ),
      ]);
      expect(() =>
        contract.assert(
          observed({ status: 418, headers: PROBLEM, body: problem(418, '/api/v1/risks') }),
        ),
      ).toThrow(/violates openapi.json \(GET \/api\/v1\/risks -> 418\)/);
    });

    it('should match the route template and check the problem body of an error', () => {
      const url = `/api/v1/risks/${randomUUID()}`;
      expect(
        contract.check(observed({ url, status: 404, headers: PROBLEM, body: problem(404, url) })),
      ).toEqual([]);
      const incomplete = problem(404, url);
      delete incomplete.status;
      expect(
        contract.check(observed({ url, status: 404, headers: PROBLEM, body: incomplete })),
      ).toEqual([expect.stringContaining("must have required property 'status'")]);
    });

    it('should fail a body that breaks its schema, naming the field', () => {
      const body = { ...risk(), likelihood: 9, owner: 'someone' };
      const violations = contract.check(
        observed({
          url: `/api/v1/risks/${body.id}`,
          headers: { ...JSON_TYPE, etag: '"1"' },
          body,
        }),
      );
      expect(violations).toHaveLength(1);
      expect(violations[0]).toMatch(/\/likelihood must be <= 5/);
      expect(violations[0]).toMatch(/must NOT have additional properties: owner/);
    });

    it('should hold the ETag header to the spec in both directions', () => {
      const body = risk();
      const url = `/api/v1/risks/${body.id}`;
      const method = 'PATCH';
      expect(
        contract.check(observed({ method, url, body, headers: { ...JSON_TYPE, etag: '"1"' } })),
      ).toEqual([]);
      expect(contract.check(observed({ method, url, body }))).toEqual([
        expect.stringMatching(/documents an ETag header that was not sent/),
      ]);
    });

    it('should let an ETag documented as optional be left out (an asOf answer)', () => {
      const body = risk();
      const url = `/api/v1/risks/${body.id}`;
      expect(contract.check(observed({ url, body }))).toEqual([]);
      expect(
        contract.check(observed({ url, body, headers: { ...JSON_TYPE, etag: '"1"' } })),
      ).toEqual([]);
    });

    it('should fail a media type the response does not document', () => {
      expect(contract.check(observed({ headers: { 'content-type': 'text/html' } }))).toEqual([
        expect.stringMatching(/sent text\/html, but the spec documents application\/json/),
      ]);
    });

    it('should fail a body on a response documented without one', () => {
      const url = `/api/v1/risks/${randomUUID()}`;
      expect(contract.check(observed({ method: 'DELETE', url, status: 204 }))).toEqual([
        expect.stringMatching(/has a application\/json body, but the spec documents none/),
      ]);
      expect(
        contract.check(
          observed({ method: 'DELETE', url, status: 204, headers: {}, body: {}, hasBody: false }),
        ),
      ).toEqual([]);
    });

    it("should accept the router's 404 for a route that does not exist, and only that", () => {
      const url = '/api/v1/no-such-thing';
      expect(
        contract.check(observed({ url, status: 404, headers: PROBLEM, body: problem(404, url) })),
      ).toEqual([]);
      expect(contract.check(observed({ url, status: 200 }))).toEqual([
        expect.stringMatching(/GET \/api\/v1\/no-such-thing answered 200 but the spec has no such/),
      ]);
    });

    it('should leave the docs and test-only probe routes alone', () => {
      expect(contract.check(observed({ url: '/docs/openapi.json', body: {} }))).toEqual([]);
      expect(contract.check(observed({ url: '/api/v1/__probe/probe-items', status: 418 }))).toEqual(
        [],
      );
    });
  });

  describe('match', () => {
    it('should prefer a literal segment to a parameter', () => {
      expect(contract.match('GET', '/api/v1/audit-events/verify')?.template).toBe(
        '/api/v1/audit-events/verify',
      );
      expect(contract.match('GET', `/api/v1/audit-events/${randomUUID()}`)?.template).toBe(
        '/api/v1/audit-events/{id}',
      );
    });
  });
});
