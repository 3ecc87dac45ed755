import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import robotsParserModule from 'robots-parser';
import {
  AddressAllowList,
  allowListFromEnv,
  BlockedAddress,
  guardedLookup,
  literalAddressProblem,
} from './safe-address.ts';

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS whose typings declare an ES default export; at runtime the default is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

/**
 * The polite HTTP fetcher: obeys robots.txt and its Crawl-delay, keeps one connection per host
 * with a minimum delay between requests, says who it is, retries with backoff, and turns every
 * kind of bad response into a FetchFailure with its cause instead of throwing.
 */
export interface FetcherOptions {
  userAgent: string;
  /** The robots.txt product token matched against User-agent lines. */
  robotsAgent: string;
  timeoutMs: number;
  maxBytes: number;
  minDelayMs: number;
  /** Cap on a robots.txt Crawl-delay, so a hostile value cannot stall an investigation forever. */
  maxCrawlDelayMs: number;
  retries: number;
  backoffMs: number;
  maxRedirects: number;
  /**
   * Internal addresses the crawler may reach anyway (tests against a local site); default from
   * KETENPLEIN_CRAWLER_ALLOWED_ADDRESSES. Everything else internal is refused (src/crawler/safe-address.ts).
   */
  allowedAddresses?: string[];
}

export const DEFAULT_FETCHER: FetcherOptions = {
  userAgent: 'KetenpleinCrawler/0.1 (+https://ketenplein.nl/crawler; onderzoek onder gezag van het OM)',
  robotsAgent: 'KetenpleinCrawler',
  timeoutMs: 15_000,
  maxBytes: 2 * 1024 * 1024,
  minDelayMs: 1_000,
  maxCrawlDelayMs: 60_000,
  retries: 3,
  backoffMs: 1_000,
  maxRedirects: 5,
};

export type FetchErrorKind =
  | 'robots'
  | 'unreachable'
  | 'timeout'
  | 'http'
  | 'redirect-offsite'
  | 'too-many-redirects'
  | 'too-large'
  | 'wrong-type'
  | 'encoding'
  | 'blocked-address';

export interface FetchSuccess {
  ok: true;
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  bytes: Buffer;
  /** Decoded text for HTML; undefined for binary kinds. */
  text?: string;
  fetchedAt: Date;
  attempts: number;
}

export interface FetchFailure {
  ok: false;
  url: string;
  kind: FetchErrorKind;
  detail: string;
  status?: number;
  attempts: number;
}

export type FetchResult = FetchSuccess | FetchFailure;
export type Expect = 'html' | 'image';

interface HostState {
  queue: Promise<unknown>;
  lastEnd: number;
  delayMs: number;
  robots?: Promise<RobotsRules>;
}

interface RobotsRules {
  isAllowed: (url: string) => boolean;
  crawlDelayMs?: number;
  /** Why everything is refused, when robots.txt could not be read. */
  refusal?: string;
  refusalKind?: FetchErrorKind;
}

class Failure extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status?: number,
    readonly retryable = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

// Timers are whole milliseconds; round up so a delay is never cut short.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.ceil(ms)));

export class PoliteFetcher {
  readonly options: FetcherOptions;
  private readonly hosts = new Map<string, HostState>();
  // One socket per host: the agents enforce it even if two callers race.
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });

  private readonly allowed: AddressAllowList;

  constructor(options: Partial<FetcherOptions> = {}) {
    this.options = { ...DEFAULT_FETCHER, ...options };
    this.allowed = new AddressAllowList(options.allowedAddresses ?? allowListFromEnv());
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async fetch(url: string, expect: Expect = 'html'): Promise<FetchResult> {
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        return { ...(await this.fetchFollowing(url, expect)), attempts };
      } catch (error) {
        const failure =
          error instanceof Failure
            ? error
            : new Failure('unreachable', (error as Error).message, undefined, true);
        if (!failure.retryable || attempts > this.options.retries) {
          return {
            ok: false,
            url,
            kind: failure.kind,
            detail: failure.message,
            status: failure.status,
            attempts,
          };
        }
        const backoff = failure.retryAfterMs ?? this.options.backoffMs * 2 ** (attempts - 1);
        await sleep(Math.min(backoff, this.options.maxCrawlDelayMs) * (0.75 + Math.random() * 0.5));
      }
    }
  }

  private async fetchFollowing(url: string, expect: Expect): Promise<Omit<FetchSuccess, 'attempts'>> {
    let current = new URL(url);
    const origin = current.origin;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      const rules = await this.robotsFor(current);
      if (rules.refusal) throw new Failure(rules.refusalKind ?? 'robots', rules.refusal);
      if (!rules.isAllowed(current.href))
        throw new Failure('robots', `robots.txt disallows ${current.pathname}`);
      const response = await this.scheduled(current, () => this.request(current));
      if (response.status >= 300 && response.status < 400 && response.location) {
        const target = new URL(response.location, current);
        if (target.origin !== origin) {
          throw new Failure(
            'redirect-offsite',
            `redirect to another host refused: ${target.origin}`,
            response.status,
          );
        }
        current = target;
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        throw new Failure('http', `HTTP ${response.status}`, response.status, true, response.retryAfterMs);
      }
      if (response.status >= 400) throw new Failure('http', `HTTP ${response.status}`, response.status);
      const contentType = response.contentType;
      const mime = contentType.split(';')[0].trim().toLowerCase();
      const wanted = expect === 'html' ? /^(text\/html|application\/xhtml\+xml)$/ : /^image\//;
      if (!wanted.test(mime)) {
        throw new Failure(
          'wrong-type',
          `expected ${expect}, got ${mime || 'no content type'}`,
          response.status,
        );
      }
      return {
        ok: true,
        url,
        finalUrl: current.href,
        status: response.status,
        contentType,
        bytes: response.body,
        text: expect === 'html' ? decodeHtml(response.body, contentType) : undefined,
        fetchedAt: new Date(),
      };
    }
    throw new Failure('too-many-redirects', `more than ${this.options.maxRedirects} redirects`);
  }

  private host(url: URL): HostState {
    let state = this.hosts.get(url.origin);
    if (!state) {
      state = {
        queue: Promise.resolve(),
        lastEnd: Number.NEGATIVE_INFINITY,
        delayMs: this.options.minDelayMs,
      };
      this.hosts.set(url.origin, state);
    }
    return state;
  }

  /** Runs one request for a host after the previous one finished and the delay has passed. */
  private scheduled<T>(url: URL, task: () => Promise<T>): Promise<T> {
    const state = this.host(url);
    const run = state.queue.then(async () => {
      // From the end of the previous request, with the delay as known now (robots.txt may have raised it).
      const wait = state.lastEnd + state.delayMs - performance.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        state.lastEnd = performance.now();
      }
    });
    state.queue = run.catch(() => undefined);
    return run;
  }

  private robotsFor(url: URL): Promise<RobotsRules> {
    const state = this.host(url);
    state.robots ??= this.loadRobots(url, state);
    return state.robots;
  }

  private async loadRobots(url: URL, state: HostState): Promise<RobotsRules> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    let response: RawResponse;
    try {
      response = await this.scheduled(robotsUrl, () => this.request(robotsUrl));
    } catch (error) {
      // RFC 9309: an unreachable robots.txt means the whole site is off limits.
      return {
        isAllowed: () => false,
        refusal: `host unreachable, robots.txt not read (${(error as Error).message}): site skipped`,
        refusalKind: error instanceof Failure ? error.kind : 'unreachable',
      };
    }
    if (response.status >= 500) {
      return { isAllowed: () => false, refusal: `robots.txt gave HTTP ${response.status}: site skipped` };
    }
    if (response.status >= 400 || response.status >= 300) return { isAllowed: () => true };
    const robots = robotsParser(robotsUrl.href, response.body.toString('utf8'));
    const delaySeconds = robots.getCrawlDelay(this.options.robotsAgent);
    const crawlDelayMs =
      delaySeconds === undefined ? undefined : Math.min(delaySeconds * 1000, this.options.maxCrawlDelayMs);
    state.delayMs = Math.max(this.options.minDelayMs, crawlDelayMs ?? 0);
    return { isAllowed: (u) => robots.isAllowed(u, this.options.robotsAgent) !== false, crawlDelayMs };
  }

  private request(url: URL): Promise<RawResponse> {
    const isHttps = url.protocol === 'https:';
    const send = isHttps ? httpsRequest : httpRequest;
    // Checked on every request, so on every redirect too: IP literals here, names after DNS in the lookup.
    const literal = literalAddressProblem(url, this.allowed);
    if (literal) return Promise.reject(new Failure('blocked-address', literal.message));
    return new Promise<RawResponse>((resolve, reject) => {
      const req = send(
        url,
        {
          agent: isHttps ? this.httpsAgent : this.httpAgent,
          lookup: guardedLookup(this.allowed),
          headers: {
            'user-agent': this.options.userAgent,
            accept: 'text/html,application/xhtml+xml,image/*;q=0.8,*/*;q=0.1',
            'accept-encoding': 'gzip, deflate, br',
          },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          readBody(res, this.options.maxBytes).then(
            (body) =>
              resolve({
                status: res.statusCode ?? 0,
                contentType: String(res.headers['content-type'] ?? ''),
                location: res.headers.location,
                retryAfterMs: retryAfter(res.headers['retry-after']),
                body,
              }),
            reject,
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new Failure('timeout', `no response within ${this.options.timeoutMs} ms`, undefined, true),
        ),
      );
      req.on('error', (error) =>
        reject(
          error instanceof Failure
            ? error
            : error instanceof BlockedAddress
              ? new Failure('blocked-address', error.message)
              : new Failure('unreachable', describeNetworkError(error), undefined, true),
        ),
      );
      req.end();
    });
  }
}

interface RawResponse {
  status: number;
  contentType: string;
  location?: string;
  retryAfterMs?: number;
  body: Buffer;
}

function describeNetworkError(error: Error & { code?: string }): string {
  return error.code ? `${error.code}: ${error.message}` : error.message;
}

function retryAfter(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(
      new Failure('too-large', `page of ${declared} bytes exceeds the limit of ${maxBytes}`, res.statusCode),
    );
  }
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        stream.destroy();
        reject(new Failure('too-large', `page exceeds the limit of ${maxBytes} bytes`, res.statusCode));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (error) =>
      reject(new Failure('encoding', `content could not be decompressed: ${error.message}`)),
    );
    res.on('error', (error) =>
      reject(new Failure('unreachable', `connection broke: ${error.message}`, undefined, true)),
    );
  });
}

/** Decodes by the declared charset (header, else <meta>, else UTF-8); invalid bytes are an error, not guessed. */
export function decodeHtml(bytes: Buffer, contentType: string): string {
  const declared =
    /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new Failure('encoding', `unknown character encoding "${declared}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Failure('encoding', `bytes are not valid ${declared}`);
  }
}
