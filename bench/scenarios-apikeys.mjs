// Issue #23's measurements: what authenticating with an API key costs against a JWT, and what
// a POST replayed by its Idempotency-Key costs against a GET by id. Each pair runs in the order
// A, B, B, A on the same API process, so a machine that drifts (shared cores) weighs on both
// alike; the ratio is over the summed requests of both halves.
//
//   npm run bench -- --only AK1,AK2 --no-baseline --no-info

const DAY_MS = 86_400_000;

async function postJson(port, path, token, body, headers = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A key for the bench admin, and one stored Idempotency-Key answer to replay. */
export async function apiKeyFixtures(port, token, { ownerIds }) {
  const { secret } = await postJson(port, '/api/v1/api-keys', token, {
    name: `bench ${new Date().toISOString()}`,
    expiresAt: new Date(Date.now() + DAY_MS).toISOString(),
  });
  const replayBody = {
    title: `Benchmark risk replayed ${process.pid}`,
    category: 'Security',
    ownerId: ownerIds[0],
    likelihood: 3,
    impact: 4,
  };
  const idempotencyKey = `bench-replay-${process.pid}-${Date.now()}`;
  const risk = await postJson(port, '/api/v1/risks', token, replayBody, {
    'idempotency-key': idempotencyKey,
  });
  if (!risk.id) throw new Error('the replay fixture was not created');
  return { secret, replayBody, idempotencyKey };
}

/** The requests of S1 (GET /risks/{id} over the fixture ids), authenticated one way or another. */
function getRiskRequests(riskIds, authenticate) {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        headers: authenticate(req.headers),
        path: `/api/v1/risks/${riskIds[next++ % riskIds.length]}`,
      }),
    },
  ];
}

/** Without the default bearer header, with the key. */
const withApiKey = (secret) => (headers) => {
  const { authorization: _bearer, ...rest } = headers;
  return { ...rest, 'x-api-key': secret };
};
const withBearer = (headers) => headers;

export function apiKeyScenarios({ riskIds, apiKeys }) {
  if (!apiKeys) return [];
  const { secret, replayBody, idempotencyKey } = apiKeys;
  const jwt = (half) => ({
    name: `AK1 jwt ${half}`,
    title: 'GET /risks/{id} with a bearer JWT',
    requests: getRiskRequests(riskIds, withBearer),
  });
  const key = (half) => ({
    name: `AK1 key ${half}`,
    title: 'GET /risks/{id} with X-API-Key',
    requests: getRiskRequests(riskIds, withApiKey(secret)),
  });
  const replayPayload = JSON.stringify(replayBody);
  // A seeded risk: run.mjs removes `Benchmark risk %` rows (the replayed one too) after S4.
  const get = (half) => ({
    name: `AK2 get ${half}`,
    title: 'GET /risks/{id}, bearer JWT',
    requests: [{ method: 'GET', path: `/api/v1/risks/${riskIds[0]}` }],
  });
  const replay = (half) => ({
    name: `AK2 replay ${half}`,
    title: 'POST /risks replayed by its Idempotency-Key, bearer JWT',
    requests: [
      {
        method: 'POST',
        path: '/api/v1/risks',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: replayPayload,
      },
    ],
  });
  return [jwt('a'), key('a'), key('b'), jwt('b'), get('a'), replay('a'), replay('b'), get('b')];
}

const matchingRows = (rows, prefix) =>
  rows.filter((row) => row.target === 'api' && row.scenario.startsWith(prefix));

/** req/s over both halves together. */
const sumOf = (rows, prefix) => {
  const matching = matchingRows(rows, prefix);
  const requests = matching.reduce((sum, row) => sum + row.requests, 0);
  const seconds = matching.reduce((sum, row) => sum + row.requests / row.requestsPerSecond, 0);
  return matching.length === 0 ? undefined : requests / seconds;
};

/** API + PostgreSQL CPU ms per request over both halves: what to trust on a busy machine. */
const cpuOf = (rows, prefix) => {
  const matching = matchingRows(rows, prefix);
  const requests = matching.reduce((sum, row) => sum + row.requests, 0);
  const ms = matching.reduce(
    (sum, row) => sum + (row.cpu.serverMsPerRequest + row.cpu.postgresMsPerRequest) * row.requests,
    0,
  );
  return Math.round((ms / Math.max(requests, 1)) * 1000) / 1000;
};

/** The targets: key >= 0.9 of JWT on S1; a replayed POST at least as cheap as a GET. */
export function apiKeyChecks(rows) {
  const checks = [];
  const pairs = [
    ['AK1', 'AK1 key', 'AK1 jwt', 0.9, 'API key vs JWT req/s on GET /risks/{id} >= 0.9'],
    [
      'AK2',
      'AK2 replay',
      'AK2 get',
      1,
      'replayed POST vs GET by id req/s >= 1 (costs at most a GET)',
    ],
  ];
  for (const [scenario, measured, reference, target, text] of pairs) {
    const a = sumOf(rows, measured);
    const b = sumOf(rows, reference);
    if (a === undefined || b === undefined) continue;
    const ratio = Math.round((a / b) * 1000) / 1000;
    const cpuMsPerRequest = {
      [measured]: cpuOf(rows, measured),
      [reference]: cpuOf(rows, reference),
    };
    checks.push({ scenario, target: text, actual: ratio, met: ratio >= target, cpuMsPerRequest });
  }
  return checks;
}
