import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { PinnedAddress } from '../ssrf/webhook-target.guard';
import { AttemptResult } from '../webhook-delivery.repository';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * Connections are kept alive between deliveries to the same host: a socket goes to the address
 * that was checked when it was opened, so reusing it never reaches an unchecked one. Idle
 * sockets close before a receiver's usual keep-alive timeout (5 s in Node), so a send rarely
 * meets a socket the receiver is closing.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 32, timeout: 4_000 };
const agents = { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };

/** Closes the kept-alive connections (at shutdown). */
export function closeWebhookConnections(): void {
  agents.http.destroy();
  agents.https.destroy();
}

/**
 * POSTs one delivery to `url`, connecting to `pinned` (the address the SSRF guard checked)
 * whatever DNS says now; TLS still verifies the URL's host name. Redirects are not followed: a
 * 3xx is a failed attempt. No answer within `timeoutMs` is a failed attempt too.
 */
export function postWebhook(
  url: string,
  pinned: PinnedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (responseStatus: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ responseStatus, durationMs: Math.round(performance.now() - started), error });
    };
    const outgoing = request(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'risk-compliance-tracker-webhooks/1',
      },
      lookup: (_host: string, options: LookupOptions, callback: LookupCallback) => {
        if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
        else callback(null, pinned.address, pinned.family);
      },
    });
    const timer = setTimeout(() => {
      finish(null, `no answer within ${timeoutMs} ms`);
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      if (status >= 200 && status < 300) finish(status, null);
      else if (status >= 300 && status < 400)
        finish(status, `redirect (HTTP ${status}) not followed`);
      else finish(status, `HTTP ${status}`);
    });
    outgoing.on('error', (error) => finish(null, error.message));
    outgoing.end(body);
  });
}
