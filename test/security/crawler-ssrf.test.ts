import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { PoliteFetcher } from '../../src/crawler/fetcher.ts';
import { AddressAllowList, mayConnect } from '../../src/crawler/safe-address.ts';

/** Finding 7 (SSRF): an adapter's baseUrl pointing into the server's own network. */
describe('security: the crawler does not reach internal addresses', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>internal admin page</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetcher = (allowedAddresses: string[]) =>
    new PoliteFetcher({ allowedAddresses, minDelayMs: 1, retries: 0, timeoutMs: 2000 });

  test('loopback by address, by name and IPv4-mapped IPv6 is refused, and nothing is sent', async () => {
    const crawler = fetcher([]);
    try {
      for (const url of [
        `http://127.0.0.1:${port}/`,
        `http://localhost:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
      ]) {
        const result = await crawler.fetch(url);
        assert.equal(result.ok, false, url);
        assert.equal(result.ok === false && result.kind, 'blocked-address', url);
      }
      assert.equal(hits, 0, 'not even robots.txt was asked for');
    } finally {
      crawler.close();
    }
  });

  test('metadata, private, link-local and carrier-NAT ranges are internal; public addresses are not', () => {
    const none = new AddressAllowList([]);
    for (const address of [
      '169.254.169.254',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '0.0.0.0',
      'fe80::1',
      'fd00:ec2::254',
      '::1',
    ]) {
      assert.equal(mayConnect(address, none), false, address);
    }
    for (const address of ['93.184.215.14', '2606:4700::6810:85e5'])
      assert.equal(mayConnect(address, none), true, address);
  });

  test('an allow-listed address (a test site) is reached', async () => {
    const crawler = fetcher(['127.0.0.1']);
    try {
      const result = await crawler.fetch(`http://127.0.0.1:${port}/`);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.ok(hits > 0);
    } finally {
      crawler.close();
    }
  });

  test('a redirect from an allowed site to an internal address is refused, and the internal one gets nothing', async () => {
    // The internal service, on another loopback address that is not allow-listed.
    let internalHits = 0;
    const internal = createServer((_req, res) => {
      internalHits++;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>metadata</p>');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.2', resolve));
    const internalAddress = internal.address();
    const internalPort = typeof internalAddress === 'object' && internalAddress ? internalAddress.port : 0;
    const site = createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      res.writeHead(302, { location: `http://127.0.0.2:${internalPort}/latest/meta-data/` }).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteAddress = site.address();
    const sitePort = typeof siteAddress === 'object' && siteAddress ? siteAddress.port : 0;
    const crawler = fetcher(['127.0.0.1']);
    try {
      const result = await crawler.fetch(`http://127.0.0.1:${sitePort}/ads`);
      assert.equal(result.ok, false, JSON.stringify(result));
      assert.ok(
        result.ok === false && ['redirect-offsite', 'blocked-address'].includes(result.kind),
        result.kind,
      );
      // Even the internal address by itself is refused before a byte is sent.
      const direct = await crawler.fetch(`http://127.0.0.2:${internalPort}/`);
      assert.equal(direct.ok === false && direct.kind, 'blocked-address');
      assert.equal(internalHits, 0);
    } finally {
      crawler.close();
      await new Promise<void>((resolve) => site.close(() => resolve()));
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });
});
