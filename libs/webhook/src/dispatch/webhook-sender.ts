import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { PinnedAddress } from '../ssrf/webhook-target.guard';
import { AttemptResult } from '../webhook-delivery.repository';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

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
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
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
      agent: false,
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
