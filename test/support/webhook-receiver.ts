import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Local receivers on 127.0.0.1 over http: both ALLOW settings on; fast polls and retries. */
export const WEBHOOK_TEST_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_RETRY_SCHEDULE: '0,0',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_SECRET_KEY: 'e2e-webhook-sealing-key-0123456789abcdef',
};

/** One request the receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: {
    id: string;
    type: string;
    occurredAt: string;
    actor: unknown;
    data: Record<string, unknown>;
  };
  answeredWith: number;
}

/** How the receiver answers its nth request (1-based): a status, after an optional delay. */
export type Responder = (n: number) => { status: number; delayMs?: number };

/** A real HTTP server on 127.0.0.1 that records what the webhook dispatcher sends it. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests that arrived and have not been answered yet. */
  inFlight = 0;
  private count = 0;

  private constructor(
    private readonly server: Server,
    public responder: Responder,
  ) {}

  static async start(responder: Responder = () => ({ status: 204 })): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        receiver.inFlight += 1;
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          receiver.count += 1;
          const { status, delayMs } = receiver.responder(receiver.count);
          void sleep(delayMs ?? 0).then(() => {
            const body = Buffer.concat(chunks).toString('utf8');
            receiver.received.push({
              headers: request.headers,
              body,
              json: JSON.parse(body) as ReceivedWebhook['json'],
              answeredWith: status,
            });
            receiver.inFlight -= 1;
            response.writeHead(status).end();
          });
        });
      }),
      responder,
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Waits until `check` holds of what was received (polling; fails after `timeoutMs`). */
  async waitFor(
    check: (received: ReceivedWebhook[]) => boolean,
    timeoutMs = 20_000,
  ): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.received)) {
      if (Date.now() > deadline) {
        throw new Error(`receiver: condition not met; got ${this.received.length} requests`);
      }
      await sleep(20);
    }
    return this.received;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.json.type === type);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
