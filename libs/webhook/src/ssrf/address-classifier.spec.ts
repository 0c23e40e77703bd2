import { blockedReason, embeddedIpv4, ipv6Bytes } from './address-classifier';

describe('address classifier', () => {
  describe(blockedReason.name, () => {
    it.each([
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'shared'],
      ['169.254.0.1', 'link-local'],
      ['169.254.169.254', 'metadata'],
      ['169.254.170.2', 'metadata'],
      ['192.0.0.170', 'reserved'],
      ['192.0.2.1', 'reserved'],
      ['198.18.0.1', 'reserved'],
      ['198.51.100.7', 'reserved'],
      ['203.0.113.9', 'reserved'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'reserved'],
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['0:0:0:0:0:0:0:1', 'loopback'],
      ['fd00:ec2::254', 'metadata'],
      ['fd12:3456::1', 'private'],
      ['fc00::1', 'private'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf::1', 'link-local'],
      ['fec0::1', 'private'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'reserved'],
      ['100::1', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['::ffff:a9fe:a9fe', 'metadata'],
      ['::ffff:10.1.2.3', 'private'],
      ['::ffff:0.0.0.0', 'unspecified'],
      ['::127.0.0.1', 'loopback'],
      ['64:ff9b::127.0.0.1', 'loopback'],
      ['64:ff9b::a9fe:a9fe', 'metadata'],
      ['2002:7f00:1::', 'loopback'],
      ['2002:c0a8:0101::1', 'private'],
      ['localhost', 'not-an-address'],
      ['1.2.3', 'not-an-address'],
      ['', 'not-an-address'],
    ])('should block %s as %s', (address, reason) => {
      expect(blockedReason(address)).toBe(reason);
    });

    it.each([
      '1.1.1.1',
      '8.8.8.8',
      '93.184.216.34',
      '172.15.255.255',
      '172.32.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '169.253.255.255',
      '11.0.0.1',
      '192.169.0.1',
      '2606:4700:4700::1111',
      '2a00:1450:4001:81d::200e',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ])('should allow the public address %s', (address) => {
      expect(blockedReason(address)).toBeNull();
    });
  });

  describe(ipv6Bytes.name, () => {
    it('should expand :: and a dotted tail', () => {
      expect(ipv6Bytes('::ffff:1.2.3.4')).toEqual([
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
      ]);
      expect(ipv6Bytes('1::')).toEqual([0, 1, ...Array<number>(14).fill(0)]);
      expect(ipv6Bytes('not-ipv6')).toBeNull();
    });
  });

  describe(embeddedIpv4.name, () => {
    it('should find the IPv4 address in mapped, NAT64 and 6to4 forms only', () => {
      expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
      expect(embeddedIpv4('64:ff9b::a00:1')).toBe('10.0.0.1');
      expect(embeddedIpv4('2002:a00:1::5')).toBe('10.0.0.1');
      expect(embeddedIpv4('2606:4700::1111')).toBeNull();
      expect(embeddedIpv4('::')).toBeNull();
    });
  });
});
