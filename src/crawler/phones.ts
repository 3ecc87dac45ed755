import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { NUMBER_WORD_PATTERN, NUMBER_WORDS } from './number-words.ts';

/**
 * Phone numbers in ads are often hidden from scrapers: "06 twaalf34 5678", "zes-een-twee…",
 * spaced digits, emoji keycaps or fullwidth digits. We undo that, then let libphonenumber
 * decide what is a valid number and give it in E.164.
 */
export interface FoundPhone {
  e164: string;
  /** The text as written in the ad, for the evidence snippet. */
  written: string;
}

const LETTER = 'a-zà-ÿ';
const WORDS = `(?:${NUMBER_WORD_PATTERN})`;
// A phone-like run: digits, number words (possibly glued together or to digits) and separators.
const RUN = new RegExp(
  `(?:\\+|(?<![${LETTER}0-9]))(?:[0-9]|(?<![${LETTER}])${WORDS}+(?![${LETTER}])|[ \\t\\-.()/·_*]){5,}`,
  'giu',
);
const WORD_IN_RUN = new RegExp(WORDS, 'giu');
const MIN_DIGITS = 9;
const MAX_DIGITS = 15;

/** Undoes typographic disguises: fullwidth/mathematical digits (NFKC) and emoji keycaps (1️⃣). */
export function unmaskDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\uFE0F\u20E3]/g, '')
    .replace(/\u{1F51F}/gu, '10');
}

function toDigits(run: string): string {
  return run.replace(WORD_IN_RUN, (word) => NUMBER_WORDS.get(word.toLowerCase()) ?? word);
}

function parseValid(candidate: string, region: CountryCode): string | undefined {
  const digits = candidate.replace(/[^0-9]/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return undefined;
  const plus = candidate.trimStart().startsWith('+') ? '+' : '';
  const parsed = parsePhoneNumberFromString(`${plus}${digits}`, region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * A run may carry a stray number word or digit group at either end ("bel 06 1234 5678 een keer"):
 * try the whole run, then shorter ones trimmed piece by piece from the ends.
 */
function bestNumberIn(run: string, region: CountryCode): string | undefined {
  const pieces = toDigits(run)
    .split(/[ \t\-.()/·_*]+/)
    .filter(Boolean);
  const plus = run.trimStart().startsWith('+') ? '+' : '';
  for (let drop = 0; drop < pieces.length; drop++) {
    for (let start = 0; start <= drop; start++) {
      const slice = pieces.slice(start, pieces.length - (drop - start));
      const e164 = parseValid(`${start === 0 ? plus : ''}${slice.join('')}`, region);
      if (e164) return e164;
    }
  }
  return undefined;
}

/** Every valid phone number in a text, deduplicated, in order of appearance. */
export function findPhones(text: string, region: CountryCode = 'NL'): FoundPhone[] {
  const found = new Map<string, FoundPhone>();
  const unmasked = unmaskDigits(text);
  for (const match of unmasked.matchAll(RUN)) {
    const written = match[0].trim();
    const e164 = bestNumberIn(written, region);
    if (e164 && !found.has(e164)) found.set(e164, { e164, written });
  }
  return [...found.values()];
}

/** One phone as written in an ad (the CLI input) to E.164, or undefined when it is not a valid number. */
export function normalisePhone(written: string, region: CountryCode = 'NL'): string | undefined {
  return findPhones(written, region)[0]?.e164;
}
