import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../../src/access/secrets.ts';
import { buildApp } from '../../src/server/app.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import type { Store } from '../../src/store/connect.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { openTestStore } from './store.ts';

export interface TestServer {
  url: string;
  store: Store;
  /** The server's field cipher, for tests that call a capability directly on its store. */
  cipher: FieldCipher;
  config: Config;
  close(): Promise<void>;
}

/** The real server over real HTTP on a free port, on a fresh seeded database. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const store = await openTestStore({ seed: true });
  const config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    loginRateLimit: 1000,
    loginAccountRateLimit: 1000,
    // Like the demo world, tests log in with the demo password alone; test/api/account-security.test.ts
    // switches two-step verification on for its roles.
    totpRequiredRoles: [],
    ...overrides,
  };
  const cipher = new FieldCipher(randomBytes(32));
  const app = await buildApp({ store, cipher, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    cipher,
    config,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A logged-in user's HTTP client: carries the session cookie, the CSRF token and a purpose. */
export class ApiClient {
  cookie = '';
  csrf = '';
  purpose: string | undefined;
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(this.purpose ? { 'x-ketenplein-purpose': this.purpose } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie?.startsWith('kp_session=')) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  async login(email: string, password = DEMO_PASSWORD, totp?: string) {
    const response = await this.post<{
      csrfToken: string;
      user: { id: string; organisation: { id: string } };
    }>('/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });
    if (response.status === 200) this.csrf = response.body.csrfToken;
    return response;
  }
}

export async function loginAs(server: TestServer, email: string, purpose?: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const response = await client.login(email);
  if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status}`);
  client.purpose = purpose;
  return client;
}
