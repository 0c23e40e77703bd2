import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedReason } from './address-classifier';

/** A resolved address, as a socket connects to it. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** Why a target was refused: said to the admin at save, stored as the delivery's error at send. */
export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

export type HostResolver = (host: string) => Promise<PinnedAddress[]>;

const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/**
 * The guard against server-side request forgery: https only (unless WEBHOOK_ALLOW_HTTP), and no
 * loopback, private, link-local or metadata address (unless WEBHOOK_ALLOW_PRIVATE_TARGETS).
 * Checked when an endpoint is saved and again at each send, where the checked address is the
 * one the socket connects to, so a DNS answer that changes in between cannot swap it.
 */
@Injectable()
export class WebhookTargetGuard {
  private readonly allowHttp: boolean;
  private readonly allowPrivate: boolean;
  private readonly resolve: HostResolver;

  constructor(config: AppConfigService, resolver?: HostResolver) {
    this.allowHttp = config.get('WEBHOOK_ALLOW_HTTP');
    this.allowPrivate = config.get('WEBHOOK_ALLOW_PRIVATE_TARGETS');
    this.resolve = resolver ?? systemResolver;
  }

  /**
   * At save: the URL's form, and its host's addresses when it resolves now. A name that does
   * not resolve yet is accepted: every send resolves and checks it again.
   */
  async checkSaved(url: string): Promise<void> {
    const host = this.checkForm(url);
    if (isIP(host)) return;
    const addresses = await this.resolve(host).catch(() => []);
    for (const { address } of addresses) this.checkAddress(host, address);
  }

  /** At send: the address to connect to, every address of the host having been checked. */
  async pin(url: string): Promise<PinnedAddress> {
    const host = this.checkForm(url);
    const literal = isIP(host);
    if (literal) return { address: host, family: literal === 6 ? 6 : 4 };
    let addresses: PinnedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch (error) {
      throw new WebhookTargetError(`${host} does not resolve (${(error as Error).message})`);
    }
    if (addresses.length === 0) throw new WebhookTargetError(`${host} does not resolve`);
    for (const { address } of addresses) this.checkAddress(host, address);
    return addresses[0];
  }

  /** The URL's host (brackets taken off an IPv6 literal), once scheme and form are allowed. */
  private checkForm(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookTargetError('url must be an absolute http(s) URL');
    }
    const schemes = this.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(parsed.protocol)) {
      throw new WebhookTargetError(
        this.allowHttp ? 'url must use https or http' : 'url must use https',
      );
    }
    if (parsed.username || parsed.password) {
      throw new WebhookTargetError('url must not carry credentials');
    }
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (!host) throw new WebhookTargetError('url must name a host');
    if (!this.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
      throw new WebhookTargetError(`url may not point at ${host} (loopback)`);
    }
    if (isIP(host)) this.checkAddress(host, host);
    return host;
  }

  private checkAddress(host: string, address: string): void {
    if (this.allowPrivate) return;
    const reason = blockedReason(address);
    if (reason) {
      const via = host === address ? '' : ` (${host} resolves to ${address})`;
      throw new WebhookTargetError(`url may not point at a ${reason} address${via}`);
    }
  }
}
