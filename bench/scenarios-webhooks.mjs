// Webhook scenarios (issue 24), run by bench/run.mjs under the name WH:
//   WH S4 off / WH S4 on  S4 (POST /risks) with no endpoint, then with one endpoint subscribed to
//                         risk.create (a receiver on loopback), alternated off, on, on, off in
//                         one run so a drifting machine weighs on both; ratio = on / off.
//   WH delay              POST /risks at a fixed 100 per second; for each risk, the time from
//                         its 201 (sent after COMMIT) to the receiver getting its event.
// The receiver is on 127.0.0.1 over http, so the API under test runs with WEBHOOK_ALLOW_HTTP
// and WEBHOOK_ALLOW_PRIVATE_TARGETS (applyWebhookBenchEnv, before it starts).
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { log } from './lib.mjs';

const DELAY_RATE = 100;
const DELAY_SECONDS = Number(process.env.BENCH_WEBHOOK_DELAY_SECONDS ?? 20);

/** Settings the API under test needs for a loopback receiver, and the poll interval measured. */
export function applyWebhookBenchEnv() {
  process.env.WEBHOOK_ALLOW_HTTP = 'true';
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
  process.env.WEBHOOK_POLL_INTERVAL_MS ??= '100';
}

/** A receiver that answers 204 and notes when each risk's event arrived. */
async function startReceiver() {
  const arrivals = new Map();
  let received = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received += 1;
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        arrivals.set(event.data?.entityId, performance.now());
      } catch {
        // not ours
      }
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    arrivals,
    received: () => received,
    url: `http://127.0.0.1:${server.address().port}/hook`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function api(port, token, method, path, body) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Waits until the outbox holds nothing to send (so one run's backlog never loads the next). */
async function drained(port, token, webhookId, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await api(
      port,
      token,
      'GET',
      `/api/v1/webhooks/${webhookId}/deliveries?status=pending&limit=1`,
    );
    const failed = await api(
      port,
      token,
      'GET',
      `/api/v1/webhooks/${webhookId}/deliveries?status=failed&limit=1`,
    );
    if (pending.total + failed.total === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${pending.total} pending`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const percentile = (sorted, fraction) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];

/**
 * Runs the WH scenarios: answers the two S4 rows (for run.mjs's table) and the delay figures. `measure(target, server, token, scenario)` is run.mjs's (warm-up, then
 * a timed autocannon run, one summary row); `s4` is its S4 scenario.
 */
export async function webhookScenarios({ server, token, s4, measure, ownerId }) {
  const port = server.port;
  const receiver = await startReceiver();
  const rows = [];
  let webhookId;
  try {
    const subscribe = async () => {
      const created = await api(port, token, 'POST', '/api/v1/webhooks', {
        url: receiver.url,
        events: ['risk.create'],
        description: 'benchmark receiver',
      });
      webhookId = created.webhook.id;
    };
    const unsubscribe = async () => {
      await drained(port, token, webhookId);
      await api(port, token, 'DELETE', `/api/v1/webhooks/${webhookId}`);
      webhookId = undefined;
    };
    const runs = { off: [], on: [] };
    for (const mode of ['off', 'on', 'on', 'off']) {
      if (mode === 'on' && !webhookId) await subscribe();
      if (mode === 'off' && webhookId) await unsubscribe();
      const row = await measure('api', server, token, { ...s4, name: `WH S4 ${mode}` });
      runs[mode].push(row);
      log(`WH S4 ${mode}: ${row.requestsPerSecond} req/s, p99 ${row.latencyMs.p99} ms`);
    }
    if (webhookId) await unsubscribe();
    for (const mode of ['off', 'on']) {
      const [first, second] = runs[mode];
      rows.push({
        ...first,
        scenario: `WH S4 ${mode}`,
        title: `POST /risks, ${mode === 'on' ? 'one endpoint subscribed' : 'no webhook endpoint'}`,
        requestsPerSecond: Math.round((first.requestsPerSecond + second.requestsPerSecond) / 2),
        latencyMs: {
          ...first.latencyMs,
          p50: Math.round((first.latencyMs.p50 + second.latencyMs.p50) / 2),
          p99: Math.max(first.latencyMs.p99, second.latencyMs.p99),
        },
        requests: first.requests + second.requests,
        non2xx: first.non2xx + second.non2xx,
        errors: first.errors + second.errors,
        timeouts: first.timeouts + second.timeouts,
        perRun: [first, second].map((row) => ({
          requestsPerSecond: row.requestsPerSecond,
          p50: row.latencyMs.p50,
          p99: row.latencyMs.p99,
        })),
      });
    }
    const [off, on] = rows;
    on.ratio = Math.round((on.requestsPerSecond / off.requestsPerSecond) * 1000) / 1000;
    on.ratioTo = 'WH S4 off';
    log(`WH S4 on/off ratio ${on.ratio} (target >= 0.9)`);

    // Commit-to-delivery delay at a fixed rate.
    await subscribe();
    const answered = new Map();
    let n = 0;
    await new Promise((resolve, reject) =>
      autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: 10,
          overallRate: DELAY_RATE,
          duration: DELAY_SECONDS,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          requests: [
            {
              method: 'POST',
              path: '/api/v1/risks',
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({
                  title: `Benchmark risk webhook-delay ${n++} ${process.pid}`,
                  category: 'Vendor',
                  ownerId,
                  likelihood: 3,
                  impact: 3,
                }),
              }),
              onResponse: (status, body) => {
                if (status === 201) answered.set(JSON.parse(body).id, performance.now());
              },
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    await drained(port, token, webhookId);
    const delays = [...answered]
      .filter(([id]) => receiver.arrivals.has(id))
      .map(([id, at]) => receiver.arrivals.get(id) - at)
      .sort((a, b) => a - b);
    const missing = answered.size - delays.length;
    const delayRow = {
      target: 'api',
      scenario: 'WH delay',
      title: `commit-to-delivery at ${DELAY_RATE} writes/s (poll ${process.env.WEBHOOK_POLL_INTERVAL_MS} ms)`,
      writes: answered.size,
      delivered: delays.length,
      missing,
      delayP50Ms: Math.round(percentile(delays, 0.5)),
      delayP90Ms: Math.round(percentile(delays, 0.9)),
      delayP99Ms: Math.round(percentile(delays, 0.99)),
      delayMaxMs: Math.round(delays.at(-1) ?? 0),
    };
    log(
      `WH delay: ${delayRow.writes} writes, ${delayRow.delivered} delivered, p50 ${delayRow.delayP50Ms} ms, p99 ${delayRow.delayP99Ms} ms`,
    );
    await unsubscribe();
    await s4.afterRun?.(port, token);
    return { rows, delay: delayRow };
  } finally {
    if (webhookId)
      await api(port, token, 'DELETE', `/api/v1/webhooks/${webhookId}`).catch(() => undefined);
    await receiver.stop();
  }
}
