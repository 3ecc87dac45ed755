import type { Label } from '../label.ts';

/** Why a value was refused: a stable code, the field path (e.g. `persons.0.phones.1`) and the reason in both languages. */
export interface ValidationError {
  code: string;
  field: string;
  message: Label;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ValidationError };

export function valid<T>(value: T): Validated<T> {
  return { ok: true, value };
}

export function invalid<T = never>(field: string, code: string, nl: string, en: string): Validated<T> {
  return { ok: false, error: { code, field, message: { nl, en } } };
}

/** The shape used at API and CLI boundaries: one language, matching `{ error: { code, message, field } }`. */
export interface FieldError {
  code: string;
  field: string;
  message: string;
}

export function localize(error: ValidationError, lang: keyof Label = 'nl'): FieldError {
  return { code: error.code, field: error.field, message: error.message[lang] };
}
