// Issue 19 item 15: the first load of the web app is small on the wire, cached right, and API answers are compressed
// (but never the ones that carry the CSRF token). Measured over real HTTP with raw bytes: fetch() would decompress.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ensureWebBuild } from '../../scripts/ensure-web-build.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes as sent on the wire (before decoding). */
  wire: Buffer;
  /** The decoded body. */
  body: Buffer;
  text: string;
}

function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body =
          encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          wire,
          body,
          text: body.toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const BROWSER = { 'accept-encoding': 'br, gzip' };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const LIMIT = 300 * 1024;

describe(`page weight and caching on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    await ensureWebBuild();
    server = await startTestServer();
  });
  after(() => server.close());

  test('first load (index, every asset it names, the font) under 300 kB with br, cached right', async () => {
    const index = await get(`${server.url}/`, BROWSER);
    assert.equal(index.status, 200);
    assert.equal(index.headers['content-encoding'], 'br');
    assert.equal(index.headers['cache-control'], 'no-cache');
    assert.match(String(index.headers.vary), /accept-encoding/i);
    const assets = [...index.text.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
    assert.ok(assets.some((path) => path.endsWith('.js')) && assets.some((path) => path.endsWith('.css')));

    let total = index.wire.length;
    const sizes: string[] = [`/ ${index.wire.length}`];
    const fonts = new Set<string>();
    for (const path of assets) {
      const asset = await get(server.url + path, BROWSER);
      assert.equal(asset.status, 200, path);
      if (path.startsWith('/assets/')) {
        assert.equal(asset.headers['cache-control'], IMMUTABLE, path);
        assert.equal(asset.headers['content-encoding'], 'br', path);
      }
      total += asset.wire.length;
      sizes.push(`${path} ${asset.wire.length}`);
      if (path.endsWith('.css')) {
        for (const font of asset.text.matchAll(/url\((\/assets\/[^)]+\.woff2)\)/g)) fonts.add(font[1]);
        // Only what the app uses: the whole Utrecht library CSS is 575 kB raw, this must be far less.
        assert.ok(asset.text.length < 250 * 1024, `stylesheet ${path} is ${asset.text.length} bytes raw`);
        assert.doesNotMatch(asset.text, /\.utrecht-accordion|\.utrecht-calendar|\.utrecht-youtube-video/);
      }
    }
    // One font file: the latin subset of Noto Sans, not all eight subsets.
    assert.deepEqual(
      [...fonts].map((font) => font.replace(/-[\w-]{8}\.woff2$/, '')),
      ['/assets/noto-sans-latin-wght-normal'],
    );
    for (const font of fonts) {
      const file = await get(server.url + font, BROWSER);
      assert.equal(file.status, 200);
      assert.equal(file.headers['cache-control'], IMMUTABLE);
      total += file.wire.length;
      sizes.push(`${font} ${file.wire.length}`);
    }
    console.log(
      `first load transferred: ${total} bytes (${(total / 1024).toFixed(1)} kB)\n  ${sizes.join('\n  ')}`,
    );
    assert.ok(total < LIMIT, `first load is ${total} bytes, over ${LIMIT}`);
  });

  test('gzip for a client without brotli, identity for one without either', async () => {
    const gzip = await get(`${server.url}/`, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    const plain = await get(`${server.url}/`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.text, gzip.text);
  });

  test('an SPA route answers index.html, not cached', async () => {
    const page = await get(`${server.url}/melding/00000000-0000-0000-0000-000000000000?als=team`, BROWSER);
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(page.text, /<div id="root">/);
  });

  test('API answers are compressed, the session answer carrying the CSRF token is not (BREACH)', async () => {
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const headers = { cookie: admin.cookie, 'x-ketenplein-purpose': 'administration', ...BROWSER };
    const organisations = await get(`${server.url}/api/v1/organisations`, headers);
    assert.equal(organisations.status, 200);
    assert.ok(organisations.text.length > 1024, 'the list is above the compression threshold');
    assert.equal(organisations.headers['content-encoding'], 'br');
    assert.ok(organisations.wire.length < organisations.text.length / 2);
    assert.ok(JSON.parse(organisations.text));

    const me = await get(`${server.url}/api/v1/auth/me`, headers);
    assert.equal(me.status, 200);
    assert.match(me.text, /csrfToken/);
    assert.equal(me.headers['content-encoding'], undefined);
  });

  test('no answer under /api/v1/auth is compressed, whatever its size', async () => {
    // The session answers are small today; a route of the same prefix with a large body shows the rule, not the size.
    // A second app on the test server's store, so a probe route can be added before it starts.
    const app = await buildApp({ store: server.store, cipher: server.cipher, config: server.config });
    const big = { csrfToken: 'x'.repeat(32), filler: 'ketenplein '.repeat(500) };
    app.get('/api/v1/auth/page-weight-probe', async () => big);
    app.get('/api/v1/page-weight-probe', async () => big);
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'beheer@politie-amsterdam.example', password: DEMO_PASSWORD },
      });
      assert.equal(login.statusCode, 200);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const auth = await app.inject({
        url: '/api/v1/auth/page-weight-probe',
        headers: { cookie, ...BROWSER },
      });
      assert.equal(auth.statusCode, 200);
      assert.equal(auth.headers['content-encoding'], undefined);
      const other = await app.inject({ url: '/api/v1/page-weight-probe', headers: { cookie, ...BROWSER } });
      assert.equal(other.statusCode, 200);
      assert.equal(other.headers['content-encoding'], 'br');
    } finally {
      await app.close();
    }
  });

  test('a download still arrives whole when compressed', async () => {
    const intake = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const headers = { cookie: intake.cookie, 'x-ketenplein-purpose': 'signal_intake', ...BROWSER };
    const csv = await get(`${server.url}/api/v1/signals/import/template?format=csv`, headers);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    assert.ok(csv.text.split('\n').length >= 2);
    const xlsx = await get(`${server.url}/api/v1/signals/import/template?format=xlsx`, headers);
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a ZIP archive');
  });
});
