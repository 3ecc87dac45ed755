import type { z } from 'zod';
import type { Label } from '../domain/label.ts';
import {
  type FieldError,
  localize,
  type Validated,
  type ValidationError,
} from '../domain/validate/result.ts';

/**
 * Bridges the domain validators and zod: a refused value becomes a custom zod issue that carries the
 * validator's own code and Dutch/English reason, so `toValidationErrors` can give them back unchanged.
 */
export function addValidationIssue(
  ctx: z.RefinementCtx,
  error: Omit<ValidationError, 'field'>,
  path?: PropertyKey[],
): void {
  ctx.addIssue({
    code: 'custom',
    message: error.message.en,
    params: { code: error.code, nl: error.message.nl, en: error.message.en },
    ...(path ? { path } : {}),
  });
}

/** A zod transform that runs a domain validator; its output type is the validator's normalised value. */
export function validated<T>(validate: (input: string, field: string) => Validated<T>) {
  return (input: string, ctx: z.RefinementCtx): T => {
    const result = validate(input, '');
    if (result.ok) return result.value;
    addValidationIssue(ctx, result.error);
    return undefined as never;
  };
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function label(nl: string, en: string): Label {
  return { nl, en };
}

/** The submitted value at an issue's path; zod leaves the input out of issues unless asked. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value should have been, in words rather than type names ("Verwacht een getal"). */
const TYPES: Record<string, Label> = {
  string: label('tekst', 'text'),
  number: label('een getal', 'a number'),
  int: label('een geheel getal', 'a whole number'),
  boolean: label('ja of nee', 'yes or no'),
  array: label('een lijst', 'a list'),
  object: label('een groep velden', 'a group of fields'),
  date: label('een datum', 'a date'),
};

function expected(type: string): Label {
  const what = TYPES[type] ?? label('een andere waarde', 'another value');
  return label(`Verwacht ${what.nl}`, `Expected ${what.en}`);
}

const FORMATS: Record<string, Label> = {
  date: label('Ongeldige datum; gebruik JJJJ-MM-DD', 'Invalid date; use YYYY-MM-DD'),
  datetime: label('Ongeldig tijdstip', 'Invalid date and time'),
  email: label('Ongeldig e-mailadres', 'Invalid e-mail address'),
  uuid: label('Ongeldige verwijzing', 'Invalid reference'),
  url: label('Ongeldige URL', 'Invalid URL'),
  regex: label('Ongeldig formaat', 'Invalid format'),
};

/**
 * One zod issue as a code and a reason in Dutch and English, never zod's own English text: the API
 * answers in the user's language, and its reasons name no type or code.
 */
export function describeIssue(issue: z.core.$ZodIssue, input?: unknown): { code: string; message: Label } {
  return describe(issue, input);
}

function describe(issue: z.core.$ZodIssue, input: unknown): { code: string; message: Label } {
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as { code?: string; nl?: string; en?: string } | undefined;
      if (params?.code && params.nl && params.en)
        return { code: params.code, message: label(params.nl, params.en) };
      return { code: 'invalid', message: label('Ongeldige waarde', 'Invalid value') };
    }
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) {
        return { code: 'required', message: label('Verplicht veld ontbreekt', 'Required field is missing') };
      }
      return { code: 'invalid_type', message: expected(issue.expected) };
    case 'invalid_value':
      // The allowed values are codes; the form offers them as labels, so the reason names none.
      return {
        code: 'invalid_value',
        message: label('Kies een van de mogelijke waarden', 'Choose one of the options'),
      };
    case 'too_big':
      return issue.origin === 'array'
        ? {
            code: 'too_many',
            message: label(`Maximaal ${issue.maximum} items`, `At most ${issue.maximum} items`),
          }
        : issue.origin === 'string'
          ? {
              code: 'too_long',
              message: label(`Maximaal ${issue.maximum} tekens`, `At most ${issue.maximum} characters`),
            }
          : { code: 'too_big', message: label(`Maximaal ${issue.maximum}`, `At most ${issue.maximum}`) };
    case 'too_small':
      return issue.origin === 'array'
        ? {
            code: 'too_few',
            message: label(`Minimaal ${issue.minimum} item(s)`, `At least ${issue.minimum} item(s)`),
          }
        : issue.origin === 'string'
          ? { code: 'empty', message: label('Mag niet leeg zijn', 'Must not be empty') }
          : { code: 'too_small', message: label(`Minimaal ${issue.minimum}`, `At least ${issue.minimum}`) };
    case 'invalid_format':
      return {
        code: 'invalid_format',
        message: FORMATS[issue.format] ?? label('Ongeldig formaat', 'Invalid format'),
      };
    default:
      return { code: issue.code ?? 'invalid', message: label('Ongeldige waarde', 'Invalid value') };
  }
}

/**
 * Turns a zod error into one domain error per problem; each unknown field gets its own entry.
 * Pass the parsed input so a missing field is told apart from one of the wrong type.
 */
export function toValidationErrors(error: z.ZodError, input?: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          code: 'unknown_field',
          field: fieldPath([...issue.path, key]),
          message: label('Onbekend veld', 'Unknown field'),
        });
      }
      continue;
    }
    // A bad record key or set element wraps the real issue; report that one at the key's path.
    const inner =
      issue.code === 'invalid_key' || issue.code === 'invalid_element' ? issue.issues[0] : undefined;
    errors.push({ field: fieldPath(issue.path), ...describe(inner ?? issue, input) });
  }
  return errors;
}

/** `{ code, message, field }` in one language, as the API and CLI report them. */
export function toFieldErrors(error: z.ZodError, input?: unknown, lang: keyof Label = 'nl'): FieldError[] {
  return toValidationErrors(error, input).map((item) => localize(item, lang));
}
