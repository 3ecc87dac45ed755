import type { FastifyRequest } from 'fastify';

/**
 * PostgreSQL text cannot hold U+0000; a NUL byte in any string of a request would surface as a 500 from
 * the database. Refused up front with 400 naming the field (body, query or params), before validation.
 */
export class NulByte extends Error {
  readonly statusCode = 400;
  readonly code = 'invalid_input';
  constructor(readonly field: string) {
    super(`${field}: bevat een NUL-teken (\\u0000) / ${field}: contains a NUL character (\\u0000)`);
  }
}

/** The path of the first string (or key) holding a NUL character, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
      const found = nulPath(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export async function refuseNulBytes(request: FastifyRequest): Promise<void> {
  for (const [name, value] of [
    ['body', request.body],
    ['query', request.query],
    ['params', request.params],
  ] as const) {
    const found = nulPath(value, name);
    if (found) throw new NulByte(found.replace(/^body\./, ''));
  }
}
