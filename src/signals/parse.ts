import type { ValidationError } from '../domain/validate/result.ts';
import { toValidationErrors } from './errors.ts';
import { type SignalInput, type SignalSchema, signalSchema } from './schema.ts';

export type ParsedSignal = { ok: true; signal: SignalInput } | { ok: false; errors: ValidationError[] };

/** Validates and normalises a submitted signal, returning every problem at once rather than the first. */
export function parseSignal(input: unknown, schema: SignalSchema = signalSchema): ParsedSignal {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, signal: result.data };
  return { ok: false, errors: toValidationErrors(result.error, input) };
}
