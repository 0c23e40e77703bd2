// Risk workflow scenarios (issue #21): a risk's past rebuilt from the audit trail.
//   W1  GET /risks/{id}?asOf=<the moment after its 25th of 50 changes>
//   W2  GET /risks/{id}/history?limit=20 (first page of its 51 events)
// Compare each p99 with S1 (GET /risks/{id}) of the same run:
//   npm run bench -- --only S1,W1,W2 --no-info

const CHANGES = 50;

async function call(port, token, method, path, body) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Creates a risk through the API and changes it 50 times (one audit event each, amid the
 * seeded million), then answers the two scenarios over it.
 */
export async function workflowScenarios({ port, token, ownerId }) {
  const risk = await call(port, token, 'POST', '/api/v1/risks', {
    title: 'Workflow bench risk with a long history',
    category: 'Bench history',
    ownerId,
    likelihood: 3,
    impact: 3,
  });
  let asOf;
  for (let change = 1; change <= CHANGES; change += 1) {
    await call(port, token, 'PATCH', `/api/v1/risks/${risk.id}`, {
      title: `Workflow bench risk, change ${change}`,
      likelihood: (change % 5) + 1,
    });
    if (change === CHANGES / 2) {
      await new Promise((done) => setTimeout(done, 5));
      asOf = new Date().toISOString();
    }
  }
  return [
    {
      name: 'W1',
      title: `GET /risks/{id}?asOf= (risk with ${CHANGES} changes)`,
      requests: [
        {
          method: 'GET',
          path: `/api/v1/risks/${risk.id}?asOf=${encodeURIComponent(asOf)}`,
        },
      ],
    },
    {
      name: 'W2',
      title: `GET /risks/{id}/history?limit=20 (first page of ${CHANGES + 1} events)`,
      requests: [{ method: 'GET', path: `/api/v1/risks/${risk.id}/history?limit=20` }],
    },
  ];
}
