import { combine, fnv1a } from './hashing.ts';

/**
 * Template detection. Operators post many ads from one text with per-ad slots filled in
 * ("Hoi, ik ben {name}, {age} jaar, nieuw in {city}"). We mask the slots before comparing,
 * so two ads from one template compare as (nearly) identical, and we keep the slot values
 * to tell the investigator which slots differ.
 */
export type SlotKind = 'name' | 'age' | 'city' | 'price' | 'number';

export interface TemplateText {
  /** One 32-bit hash per token, slots replaced by their kind. */
  tokenHashes: Uint32Array;
  /** Slot values by kind, e.g. { name: 'lisa', age: '23' }; the first value of each kind. */
  slots: Partial<Record<SlotKind, string>>;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[.!?]/gu;
const AGE_AFTER = new Set(['jaar', 'jr', 'years', 'year', 'yo', 'y.o', 'jarige']);
const AGE_BEFORE = new Set(['age', 'leeftijd', 'aged']);
const PRICE_NEAR = new Set(['euro', 'eur', '€', 'per', 'uur', 'hour', 'hr', 'u']);
const PLACE_BEFORE = new Set(['in', 'uit', 'from', 'near', 'bij', 'te', 'regio', 'omgeving', 'rond']);
const SLOT_HASH: Record<SlotKind, number> = {
  name: fnv1a('<name>'),
  age: fnv1a('<age>'),
  city: fnv1a('<city>'),
  price: fnv1a('<price>'),
  number: fnv1a('<number>'),
};

function classify(tokens: string[], i: number, raw: string, sentenceStart: boolean): SlotKind | undefined {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (/\d/.test(raw)) {
    if ((next && AGE_AFTER.has(next)) || (prev && AGE_BEFORE.has(prev))) return 'age';
    if ((next && PRICE_NEAR.has(next)) || (prev && PRICE_NEAR.has(prev))) return 'price';
    return 'number';
  }
  const capitalised = raw[0] !== raw[0].toLowerCase();
  if (!capitalised || sentenceStart) return undefined;
  return prev && PLACE_BEFORE.has(prev) ? 'city' : 'name';
}

export function templateOf(text: string): TemplateText {
  const raw = text.replace(/€\s*/g, ' euro ').match(TOKEN) ?? [];
  const lower = raw.map((t) => t.toLowerCase());
  const hashes: number[] = [];
  const slots: Partial<Record<SlotKind, string>> = {};
  let sentenceStart = true;
  for (let i = 0; i < raw.length; i++) {
    const token = lower[i];
    if (token === '.' || token === '!' || token === '?') {
      sentenceStart = true;
      continue;
    }
    const kind = classify(lower, i, raw[i], sentenceStart);
    sentenceStart = false;
    if (kind) {
      slots[kind] ??= token;
      hashes.push(SLOT_HASH[kind]);
    } else {
      hashes.push(fnv1a(token));
    }
  }
  return { tokenHashes: Uint32Array.from(hashes), slots };
}

/** Hashes of the word k-shingles of a masked text (deduplicated). */
export function shingleHashes(tokens: Uint32Array, k = 3): Uint32Array {
  if (tokens.length < k) return new Uint32Array(0);
  const out = new Set<number>();
  for (let i = 0; i + k <= tokens.length; i++) {
    let h = tokens[i];
    for (let j = 1; j < k; j++) h = combine(h, tokens[i + j]);
    out.add(h);
  }
  return Uint32Array.from(out);
}
