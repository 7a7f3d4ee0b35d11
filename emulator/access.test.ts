import type { NetworkInterfaceInfo } from 'node:os';
import { createAccessCheck } from './access';

const lan = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as NetworkInterfaceInfo],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false } as NetworkInterfaceInfo,
    { address: 'fe80::1', family: 'IPv6', internal: false, scopeid: 2 } as NetworkInterfaceInfo,
  ],
});

const refusedWith = (code: string) => expect.objectContaining({ status: 403, code });

describe('bound to 127.0.0.1:8787', () => {
  const check = createAccessCheck(() => ({ address: '127.0.0.1', port: 8787 }), lan);

  test.each(['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'localhost', 'LOCALHOST:9000', '127.0.0.1:1234'])('Host %s is let in', (host) => {
    expect(check({ host })).toBeUndefined();
  });

  test.each(['evil.example:8787', 'localhost.evil.example', '192.168.1.20:8787', '127.0.0.2:8787', 'localhost:8787.evil', ''])('Host %j is refused', (host) => {
    expect(check({ host })).toEqual(refusedWith('FORBIDDEN_HOST'));
  });

  test('a request without Host is refused', () => {
    expect(check({})).toEqual(refusedWith('FORBIDDEN_HOST'));
  });

  test.each(['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787'])('Origin %s (the local cloud itself) is let in', (origin) => {
    expect(check({ host: '127.0.0.1:8787', origin })).toBeUndefined();
  });

  test.each(['http://evil.example', 'null', 'http://localhost:3000', 'https://127.0.0.1:8787', 'http://127.0.0.1', 'file://', 'not a url'])(
    'Origin %s is refused',
    (origin) => {
      expect(check({ host: '127.0.0.1:8787', origin })).toEqual(refusedWith('FORBIDDEN_ORIGIN'));
    },
  );

  test('a browser request marked cross-site or same-site is refused even without Origin', () => {
    expect(check({ host: '127.0.0.1:8787', 'sec-fetch-site': 'cross-site' })).toEqual(refusedWith('FORBIDDEN_ORIGIN'));
    expect(check({ host: '127.0.0.1:8787', 'sec-fetch-site': 'same-site' })).toEqual(refusedWith('FORBIDDEN_ORIGIN'));
    expect(check({ host: '127.0.0.1:8787', 'sec-fetch-site': 'none' })).toBeUndefined();
  });
});

describe('bound to every interface', () => {
  test.each([['0.0.0.0'], ['::']])('bound to %s the machine\'s own addresses are let in as Host, others still not', (address) => {
    const check = createAccessCheck(() => ({ address, port: 8787 }), lan);
    expect(check({ host: '192.168.1.20:8787' })).toBeUndefined();
    expect(check({ host: '[fe80::1]:8787' })).toBeUndefined();
    expect(check({ host: `${address.includes(':') ? `[${address}]` : address}:8787` })).toBeUndefined();
    expect(check({ host: 'localhost:8787' })).toBeUndefined();
    expect(check({ host: 'evil.example:8787' })).toEqual(refusedWith('FORBIDDEN_HOST'));
    expect(check({ host: '192.168.1.20:8787', origin: 'http://192.168.1.20:8787' })).toBeUndefined();
    expect(check({ host: '192.168.1.20:8787', origin: 'http://evil.example' })).toEqual(refusedWith('FORBIDDEN_ORIGIN'));
  });

  test('bound to one LAN address, that address is let in', () => {
    const check = createAccessCheck(() => ({ address: '192.168.1.20', port: 8787 }), lan);
    expect(check({ host: '192.168.1.20:8787' })).toBeUndefined();
  });
});
