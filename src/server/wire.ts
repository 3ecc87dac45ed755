import { z } from 'zod';

/**
 * The API's wire style: camelCase keys, timestamps as ISO 8601 strings, dates as 'YYYY-MM-DD'. Route
 * modules answer through a mapper built from these helpers and a zod response schema, so no database
 * column name reaches a client and the OpenAPI document (`/api/docs/json`) describes every answer.
 */

/** A timestamp on the wire (ISO 8601 with time zone). */
export const Timestamp = z.string().describe('ISO 8601 timestamp');
/** A calendar date on the wire. */
export const DateOnly = z.string().describe('date, YYYY-MM-DD');

/** `case_ref` → `caseRef`; a key that is already camelCase stays as it is. */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A Date as its ISO string; anything else unchanged. */
export function wireValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * One row with its keys in camelCase and its timestamps as strings. Shallow on purpose: nested values
 * (an adapter's configuration, strata keyed by their code) are data, not column names.
 */
export function camelKeys(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== undefined) out[camelKey(key)] = wireValue(value);
  }
  return out;
}

/**
 * A mapper's result typed by its response schema. The schema itself is checked when the answer is
 * serialised (fastify-type-provider-zod), so a field the mapper got wrong fails the request, loudly,
 * instead of reaching a client.
 */
export function wire<S extends z.ZodType>(_schema: S, value: unknown): z.input<S> {
  return value as z.input<S>;
}

/** An empty answer (204). */
export const NoContent = z.null().describe('No content');

/** A list of a mapped resource. */
export function listOf<S extends z.ZodType>(schema: S) {
  return z.array(schema);
}

/** A file answer (CSV, XLSX, SVG, a JSON download): sent as it is, never through the JSON serialiser. */
export const FileBody = z
  .custom<string | Buffer>((value) => typeof value === 'string' || Buffer.isBuffer(value))
  .meta({ type: 'string', format: 'binary' });
