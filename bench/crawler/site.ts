import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteAdapter } from '../../src/crawler/adapter.ts';
import type { SynthAd } from './generator.ts';
import { renderImage } from './images.ts';

/**
 * The synthetic ad site, served for real over HTTP on 127.0.0.1: listing pages, ad pages, PNG
 * photos, a robots.txt with a Disallow and a Crawl-delay, and (optionally) trap pages for every
 * kind of bad input a crawler meets. It counts requests so tests can check politeness.
 */
export interface SiteOptions {
  seed: number;
  ads: SynthAd[];
  perPage: number;
  /** Seconds, as in robots.txt. */
  crawlDelay: number;
  traps: boolean;
}

export const TRAPS = {
  missing: '/ad/trap-missing',
  serverError: '/ad/trap-error',
  flaky: '/ad/trap-flaky',
  slow: '/ad/trap-slow',
  huge: '/ad/trap-huge',
  binary: '/ad/trap-binary',
  offsite: '/ad/trap-offsite',
  badEncoding: '/ad/trap-badenc',
  disallowed: '/ad/hidden-1',
} as const;

export interface SiteStats {
  requests: Map<string, number>;
  times: number[];
  maxConcurrent: number;
  userAgents: Set<string>;
}

export interface RunningSite {
  baseUrl: string;
  stats: SiteStats;
  close: () => Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, body: string, lang = 'nl'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function adPage(ad: SynthAd): string {
  const optional = (cls: string, value: string | undefined) =>
    value ? `<p class="${cls}">${escapeHtml(value)}</p>` : '';
  return page(
    ad.title,
    `<nav><a href="/ads?page=1">Alle advertenties</a></nav><article class="ad">
<h1 class="title">${escapeHtml(ad.title)}</h1>
<p class="city">${escapeHtml(ad.city)}</p>
<time class="posted" datetime="${ad.postedAt}">${ad.postedAt.slice(0, 10)}</time>
<div class="description">${escapeHtml(ad.text)}</div>
${optional('phone', ad.phoneField)}${optional('email', ad.email)}${optional('handle', ad.handle)}
<p class="price">€ ${ad.price} per uur</p><p class="age">${ad.age} jaar</p>
${ad.images.map((name) => `<img class="photo" src="/img/${name}.png" alt="">`).join('')}
</article>`,
    ad.lang,
  );
}

function listingPage(options: SiteOptions, pageNo: number): string | undefined {
  const pages = Math.max(1, Math.ceil(options.ads.length / options.perPage));
  if (pageNo < 1 || pageNo > pages) return undefined;
  const ads = options.ads.slice((pageNo - 1) * options.perPage, pageNo * options.perPage);
  const links = ads.map(
    (ad) => `<li><a class="ad-link" href="/ad/${ad.id}">${escapeHtml(ad.title)}</a></li>`,
  );
  if (options.traps && pageNo === 1) {
    for (const path of Object.values(TRAPS)) links.push(`<li><a class="ad-link" href="${path}">…</a></li>`);
  }
  const next = pageNo < pages ? `<a class="next" href="/ads?page=${pageNo + 1}">Volgende</a>` : '';
  return page(`Advertenties — pagina ${pageNo}`, `<ul>${links.join('')}</ul>${next}`);
}

export function startSite(options: SiteOptions): Promise<RunningSite> {
  // The synthetic site lives on loopback, which the crawler refuses unless allow-listed, as an operator would.
  process.env.KETENPLEIN_CRAWLER_ALLOWED_ADDRESSES ||= '127.0.0.1,::1';
  const byId = new Map(options.ads.map((ad) => [ad.id, ad]));
  const stats: SiteStats = { requests: new Map(), times: [], maxConcurrent: 0, userAgents: new Set() };
  let active = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = `${url.pathname}${url.search}`;
    const count = (stats.requests.get(path) ?? 0) + 1;
    stats.requests.set(path, count);
    stats.times.push(performance.now());
    stats.userAgents.add(req.headers['user-agent'] ?? '');
    active++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, active);
    res.on('close', () => active--);
    const send = (
      status: number,
      type: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const html = (body: string) => send(200, 'text/html; charset=utf-8', body);
    if (url.pathname === '/robots.txt') {
      return send(
        200,
        'text/plain',
        `User-agent: *\nDisallow: /ad/hidden-\nCrawl-delay: ${options.crawlDelay}\n`,
      );
    }
    if (url.pathname === '/ads') {
      const listing = listingPage(options, Number(url.searchParams.get('page') ?? '1'));
      return listing ? html(listing) : send(404, 'text/html', page('Niet gevonden', '<p>Geen pagina</p>'));
    }
    const image = /^\/img\/(\d+-\d+)\.png$/.exec(url.pathname);
    if (image) return send(200, 'image/png', renderImage(options.seed, image[1]));
    if (options.traps) {
      switch (url.pathname) {
        case TRAPS.missing:
          return send(404, 'text/html', page('Niet gevonden', '<p>Weg</p>'));
        case TRAPS.serverError:
          return send(500, 'text/html', page('Fout', '<p>Stuk</p>'));
        case TRAPS.flaky:
          return count === 1
            ? send(503, 'text/html', 'busy', { 'retry-after': '0' })
            : html(
                page('Flaky', '<h1 class="title">Flaky</h1><div class="description">Eindelijk gelukt.</div>'),
              );
        case TRAPS.slow: {
          const timer = setTimeout(() => html(page('Traag', '<p>laat</p>')), 5_000);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        case TRAPS.huge:
          return html(page('Groot', `<div class="description">${'x'.repeat(3_000_000)}</div>`));
        case TRAPS.binary:
          return send(200, 'application/octet-stream', Buffer.from([0, 1, 2, 3, 255]));
        case TRAPS.offsite:
          return send(302, 'text/html', '', { location: 'http://elders.invalid/ad/1' });
        case TRAPS.badEncoding:
          return send(
            200,
            'text/html; charset=utf-8',
            Buffer.concat([
              Buffer.from('<html><body><h1 class="title">'),
              Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
              Buffer.from('</h1></body></html>'),
            ]),
          );
        case TRAPS.disallowed:
          return html(page('Verboden', '<p>Dit had niet opgehaald mogen worden</p>'));
      }
    }
    const ad = /^\/ad\/([\w-]+)$/.exec(url.pathname);
    const found = ad ? byId.get(ad[1]) : undefined;
    if (found) return html(adPage(found));
    return send(404, 'text/html', page('Niet gevonden', '<p>Geen advertentie</p>'));
  };
  const server: Server = createServer(handle);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        stats,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The adapter for the synthetic site: plain configuration, as any site's would be. */
export function syntheticAdapter(baseUrl: string): SiteAdapter {
  return {
    id: 'synthetic-escort',
    name: 'Synthetische advertentiesite (bench)',
    baseUrl,
    startPaths: ['/ads?page=1'],
    region: 'NL',
    listing: { urlPattern: '^/ads\\?page=\\d+$', adLinks: 'a.ad-link', nextPage: 'a.next' },
    ad: {
      urlPattern: '^/ad/[\\w-]+$',
      fields: {
        title: 'h1.title',
        text: '.description',
        city: '.city',
        date: 'time.posted@datetime',
        phone: '.phone',
        email: '.email',
        handles: '.handle',
        price: '.price',
        statedAge: '.age',
        images: 'img.photo@src',
      },
    },
  };
}
