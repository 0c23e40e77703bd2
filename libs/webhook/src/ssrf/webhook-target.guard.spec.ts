import { AppConfigService, validateEnvironment } from '@rct/config';
import { HostResolver, WebhookTargetGuard } from './webhook-target.guard';

function guard(env: Record<string, string> = {}, resolver?: HostResolver): WebhookTargetGuard {
  return new WebhookTargetGuard(new AppConfigService(validateEnvironment(env)), resolver);
}

const resolvesTo =
  (...addresses: string[]): HostResolver =>
  () =>
    Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe(WebhookTargetGuard.name, () => {
  describe('checkSaved', () => {
    it('should accept a public https URL', async () => {
      await expect(
        guard({}, resolvesTo('93.184.216.34')).checkSaved('https://hooks.example.com/x'),
      ).resolves.toBeUndefined();
    });

    it.each([
      ['http://hooks.example.com/', /https/],
      ['ftp://hooks.example.com/', /https/],
      ['not a url', /absolute/],
      ['https://user:pw@hooks.example.com/', /credentials/],
      ['https://localhost:8443/', /loopback/],
      ['https://api.localhost/', /loopback/],
      ['https://127.0.0.1/', /loopback/],
      ['https://[::1]/', /loopback/],
      ['https://[::ffff:127.0.0.1]/', /loopback/],
      ['https://169.254.169.254/latest/meta-data', /metadata/],
      ['https://[fd00:ec2::254]/', /metadata/],
      ['https://10.0.0.8/', /private/],
      ['https://0.0.0.0/', /unspecified/],
    ])('should refuse %s', async (url, message) => {
      await expect(guard({}, resolvesTo('93.184.216.34')).checkSaved(url)).rejects.toThrow(message);
    });

    it('should refuse a name that resolves to a private address', async () => {
      await expect(
        guard({}, resolvesTo('93.184.216.34', '10.1.2.3')).checkSaved('https://hooks.example.com/'),
      ).rejects.toThrow(/private address \(hooks.example.com resolves to 10.1.2.3\)/);
    });

    it('should accept a name that does not resolve yet (checked again at send)', async () => {
      await expect(
        guard({}, () => Promise.reject(new Error('ENOTFOUND'))).checkSaved(
          'https://later.example.com/',
        ),
      ).resolves.toBeUndefined();
    });

    it('should allow http and private targets only when configured', async () => {
      const open = guard({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
      await expect(open.checkSaved('http://127.0.0.1:8080/hook')).resolves.toBeUndefined();
      await expect(
        guard({ WEBHOOK_ALLOW_HTTP: 'true' }).checkSaved('http://127.0.0.1:8080/hook'),
      ).rejects.toThrow(/loopback/);
    });
  });

  describe('pin', () => {
    it('should answer the checked address the socket will use', async () => {
      await expect(
        guard({}, resolvesTo('93.184.216.34')).pin('https://hooks.example.com/'),
      ).resolves.toEqual({
        address: '93.184.216.34',
        family: 4,
      });
    });

    it('should refuse at send a name that now resolves to a private address (DNS rebinding)', async () => {
      await expect(
        guard({}, resolvesTo('127.0.0.1')).pin('https://hooks.example.com/'),
      ).rejects.toThrow(/loopback/);
    });

    it('should fail a name that does not resolve', async () => {
      await expect(
        guard({}, () => Promise.reject(new Error('ENOTFOUND'))).pin('https://gone.example.com/'),
      ).rejects.toThrow(/does not resolve/);
    });
  });
});
