/** The browser's client for the Ketenplein API: JSON, the session cookie, CSRF token, purpose and language. */
import type { ApiErrorBody, paths } from './api-types.ts';

/** An API path as the generated types name it (with the /api/v1 prefix). */
export type ApiPath = keyof paths;
type Responses<P extends ApiPath, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R
  : never;
/** What one operation answers with one status, from the types generated from the OpenAPI document. */
export type Answer<
  P extends ApiPath,
  M extends keyof paths[P],
  S extends string = '200',
> = S extends keyof Responses<P, M> ? Responses<P, M>[S] : never;
/** What one operation takes as its JSON body. */
export type RequestBody<P extends ApiPath, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: infer B;
}
  ? B
  : never;

export type SessionInfo = Answer<'/api/v1/auth/me', 'get'>;
export type SessionUser = SessionInfo['user'];

/** An error the API answered with (`{error:{code,message,field?}}`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every problem when the API reports several at once (a refused signal, a bulk file). */
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

export interface ApiErrorDetail {
  code: string;
  message: string;
  field?: string;
  line?: number;
  column?: string;
}

const state = {
  csrfToken: '',
  language: 'nl',
  onUnauthenticated: (() => {}) as () => void,
};

export function setCsrfToken(token: string): void {
  state.csrfToken = token;
}
export function setApiLanguage(language: string): void {
  state.language = language;
}
/** Called when a data request finds the session gone (expired or ended elsewhere). */
export function onSessionLost(handler: () => void): void {
  state.onUnauthenticated = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** The purpose of processing named in X-Ketenplein-Purpose. */
  purpose?: string;
  query?: Record<string, string | number | undefined>;
  /** A raw body instead of JSON (e.g. an encoded list as application/x-ndjson). */
  raw?: { body: BodyInit; contentType: string };
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.contentType;
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  if (options.purpose) headers['x-ketenplein-purpose'] = options.purpose;
  Object.assign(headers, options.headers);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const url = `/api/v1${path}${query.size > 0 ? `?${query}` : ''}`;
  const response = await send(url, method, headers, options);
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) throw failureOf(response, parsed);
  return parsed as T;
}

/**
 * A file from the API (an export), saved under `filename` by the browser. Nothing is kept: the blob's
 * URL is revoked right after the download started.
 */
export async function downloadFile(
  path: string,
  filename: string,
  options: RequestOptions = {},
): Promise<void> {
  const headers: Record<string, string> = { 'accept-language': state.language };
  if (options.purpose) headers['x-ketenplein-purpose'] = options.purpose;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const response = await send(`/api/v1${path}${query.size > 0 ? `?${query}` : ''}`, 'GET', headers, options);
  if (!response.ok) throw failureOf(response, safeJson(await response.text()));
  saveBlob(await response.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function send(url: string, method: string, headers: Record<string, string>, options: RequestOptions) {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw
        ? options.raw.body
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  return response;
}

function failureOf(response: Response, parsed: unknown): ApiError {
  const error = (parsed as Partial<ApiErrorBody> | null)?.error;
  const failure = new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? response.statusText,
    error?.field,
    error?.details ?? [],
  );
  if (response.status === 401 && failure.code === 'unauthenticated') state.onUnauthenticated();
  return failure;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
