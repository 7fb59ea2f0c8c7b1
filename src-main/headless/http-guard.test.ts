import { describe, expect, it } from 'vitest';
import { bearerToken, checkHostAndOrigin, cookieValue, createGuard, hostForUrl, tokensMatch } from './http-guard';

describe('createGuard / checkHostAndOrigin', () => {
  const loopback = createGuard({ token: 't', host: '127.0.0.1', port: 4000 });

  it.each([
    [{ host: '127.0.0.1:4000' }, true],
    [{ host: 'LOCALHOST:4000' }, true],
    [{ host: '[::1]:4000' }, true],
    [{ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' }, true],
    [{ host: '127.0.0.1:4000', origin: 'http://localhost:4000' }, true],
    [{ host: '127.0.0.1' }, false],
    [{ host: 'evil.example:4000' }, false],
    [{}, false],
    [{ host: '127.0.0.1:4000', origin: 'https://127.0.0.1:4000' }, false],
    [{ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4001' }, false],
    [{ host: '127.0.0.1:4000', origin: 'null' }, false],
  ])('bound to 127.0.0.1:4000, headers %o → %s', (headers, ok) => {
    expect(checkHostAndOrigin(headers, loopback).ok).toBe(ok);
  });

  it('accepts this machine’s own addresses, and only those, when bound to every interface', () => {
    const all = createGuard({ token: 't', host: '0.0.0.0', port: 80, interfaceAddresses: ['127.0.0.1', '192.168.1.20', 'fe80::1'] });
    expect(checkHostAndOrigin({ host: '192.168.1.20:80' }, all).ok).toBe(true);
    expect(checkHostAndOrigin({ host: '[fe80::1]:80' }, all).ok).toBe(true);
    expect(checkHostAndOrigin({ host: 'localhost:80' }, all).ok).toBe(true);
    expect(checkHostAndOrigin({ host: 'attacker.example:80' }, all).ok).toBe(false);
  });

  it('accepts the name it was bound to', () => {
    const named = createGuard({ token: 't', host: 'nightbox.local', port: 8080 });
    expect(checkHostAndOrigin({ host: 'nightbox.local:8080', origin: 'http://nightbox.local:8080' }, named).ok).toBe(true);
  });
});

describe('tokens', () => {
  it.each([
    ['secret', 'secret', true],
    ['secreT', 'secret', false],
    ['secret-longer', 'secret', false],
    ['', 'secret', false],
    [null, 'secret', false],
    [undefined, 'secret', false],
  ])('%s vs %s → %s', (given, expected, ok) => {
    expect(tokensMatch(given, expected)).toBe(ok);
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer  abc ', 'abc'],
    ['Basic abc', null],
    ['Bearer', null],
    ['Bearer a b', null],
    [undefined, null],
  ])('reads %s as %s', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it('finds the page cookie among others', () => {
    expect(cookieValue('a=1; cnp_page_80=tok; b=2', 'cnp_page_80')).toBe('tok');
    expect(cookieValue('xcnp_page_80=tok', 'cnp_page_80')).toBeNull();
    expect(cookieValue(undefined, 'cnp_page_80')).toBeNull();
  });
});

describe('hostForUrl', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '[::1]'],
    ['[::1]', '[::1]'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, expected) => {
    expect(hostForUrl(host)).toBe(expected);
  });
});
