import type { Label, Lang } from './label.ts';

/**
 * The one way Ketenplein tells a person that something went wrong: an HTTP status, a stable code a
 * program can act on, the reason in Dutch and English, and the field it is about. Capabilities throw a
 * `Problem`; the API's error handler (src/server/errors.ts) answers it as
 * `{ error: { code, message, field?, details?, requestId } }` in the language the request asked for.
 *
 * Older errors carry their reason as one string "Nederlands / English"; `labelOf` reads those too, so
 * every error reaches the client the same way.
 */

/** One of several problems reported at once (a refused signal, the rows of a bulk file). */
export interface ProblemDetail {
  code: string;
  message: Label;
  field?: string;
  line?: number;
  column?: string;
}

export class Problem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: Label,
    readonly field?: string,
    readonly details: readonly ProblemDetail[] = [],
    /** Where in a file, for a problem with a whole file. */
    readonly line?: number,
  ) {
    super(`${text.nl} / ${text.en}`);
  }
}

export function label(nl: string, en: string): Label {
  return { nl, en };
}

/** 400: a value the client sent is wrong; `field` names it. */
export function invalidInput(field: string, text: Label): Problem {
  return new Problem(400, 'invalid_input', text, field);
}

/** 404: nothing the actor may see has this id. */
export function notFound(text: Label): Problem {
  return new Problem(404, 'not_found', text);
}

/** 409: the request clashes with the record's state. */
export function conflict(text: Label, field?: string, code = 'conflict'): Problem {
  return new Problem(409, code, text, field);
}

/** Messages of the API itself, not of one capability. */
export const MESSAGES = {
  internal: label('Er ging iets mis aan onze kant', 'Something went wrong on our side'),
  csrf: label('Ontbrekend of onjuist CSRF-token', 'Missing or invalid CSRF token'),
  unauthenticated: label('Niet ingelogd of sessie verlopen', 'Not logged in or session expired'),
  malformedJson: label('De body is geen geldige JSON', 'The body is not valid JSON'),
  emptyJson: label('Lege JSON-body', 'Empty JSON body'),
  tooLarge: label('De aanvraag is te groot', 'The request body is too large'),
  mediaType: label('Dit inhoudstype wordt niet ondersteund', 'Unsupported content type'),
  rateLimited: label('Te veel pogingen; probeer het later opnieuw', 'Too many attempts; try again later'),
  unknownField: label('Onbekend veld', 'Unknown field'),
  badRequest: label('Ongeldige aanvraag', 'Bad request'),
} as const;

/** The reason of any error in both languages: a Problem's own, or an older "Nederlands / English" message. */
export function labelOf(error: unknown): Label {
  if (error instanceof Problem) return error.text;
  const candidate = error as { label?: unknown; nl?: unknown; en?: unknown; message?: unknown } | null;
  if (isLabel(candidate?.label)) return candidate.label;
  if (typeof candidate?.nl === 'string' && typeof candidate.en === 'string')
    return { nl: candidate.nl, en: candidate.en };
  const message = typeof candidate?.message === 'string' ? candidate.message : String(error);
  return splitLabel(message);
}

/** "Nederlands / English" as a label; a message in one language serves both. */
export function splitLabel(message: string): Label {
  const parts = message.split(' / ');
  if (parts.length !== 2) return { nl: message, en: message };
  return { nl: parts[0], en: parts[1] };
}

function isLabel(value: unknown): value is Label {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Label).nl === 'string' &&
    typeof (value as Label).en === 'string'
  );
}

/** The language an Accept-Language header asks for: English when it starts with "en", else Dutch. */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return (header ?? '').toLowerCase().startsWith('en') ? 'en' : 'nl';
}
