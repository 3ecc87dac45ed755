import { buildApp } from '../../src/server/app.ts';
import type { Config } from '../../src/server/config.ts';
import type { TestServer } from '../helpers/server.ts';

/**
 * A second server on the same database with other settings (rate limits, trusted proxies): the
 * demo world is seeded once per file, and only the HTTP layer differs.
 */
export async function sibling(
  server: TestServer,
  overrides: Partial<Config>,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildApp({
    store: server.store,
    cipher: server.cipher,
    config: { ...server.config, ...overrides },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { error?: { code: string; message: string; field?: string } } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}
