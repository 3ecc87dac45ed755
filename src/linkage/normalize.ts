/**
 * Name normalisation for Dutch registrations: diacritics and transliteration folded,
 * the tussenvoegsel (prefix such as "van der") split off, initials recognised.
 * Pure functions without Node APIs, so the PPRL encoder can use them in the browser.
 */

/** Letters that NFD does not decompose, mapped to their usual ASCII transliteration. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ĳ: 'ij',
};

/** Lower case, diacritics removed (Ş→s, é→e), special letters transliterated (ß→ss), only a–z, digits and single spaces. */
export function foldText(value: string): string {
  let out = value.toLowerCase();
  out = out.replace(/[ßæœøłđðþıĳ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch);
  out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  out = out.replace(/['’`´]/g, '');
  out = out.replace(/[^a-z0-9]+/g, ' ');
  return out.trim();
}

/** Folded and with the Dutch ij written as y, so "Dijkstra" and "Dykstra" compare equal. */
export function foldName(value: string): string {
  return foldText(value).replace(/ij/g, 'y');
}

/**
 * Canonical tussenvoegsels. Longer ones first so "van der" wins over "van".
 * Abbreviations (vd, v.d., v/d) map to the canonical "v d" marker: compatible with van de/der/den.
 */
const PREFIXES = [
  'van de',
  'van der',
  'van den',
  'van het',
  'van t',
  'van',
  'de',
  'der',
  'den',
  'het',
  't',
  'ter',
  'ten',
  'te',
  'in t',
  'in de',
  'in den',
  'in het',
  'op de',
  'op den',
  'op ten',
  'op t',
  'uit de',
  'uit den',
  'uit het',
  'aan de',
  'aan den',
  'aan het',
  'bij de',
  'onder de',
  'over de',
  'la',
  'le',
  'du',
  'des',
  'di',
  'da',
  'dos',
  'das',
  'del',
  'della',
  'von',
  'von der',
  'zu',
  'el',
  'al',
  'ben',
  'bin',
  'ibn',
  'abu',
  'vd',
  'v d',
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

const ABBREVIATED_PREFIX = 'v d';

export interface FamilyName {
  /** Canonical prefix ("van der"), "" when none. */
  prefix: string;
  /** The main part without prefix, folded ("berg"). */
  main: string;
}

function canonicalPrefix(words: string[]): string {
  const joined = words.join(' ');
  return joined === 'vd' ? ABBREVIATED_PREFIX : joined;
}

/**
 * Splits "van der Berg" into prefix "van der" and main "berg". A separate prefix field is
 * combined with a prefix inside the family name ("van" + "der Berg"). A name that is only a
 * prefix word ("De") is kept as the main part, since then it is the name itself.
 */
export function splitFamilyName(familyName: string, prefixField = ''): FamilyName {
  // "v.d." and "v/d" fold to "v d"; glue them so the prefix list catches them.
  const words = foldName(familyName).split(' ').filter(Boolean);
  const prefixWords = foldName(prefixField).split(' ').filter(Boolean);
  let taken = 0;
  for (;;) {
    const rest = words.slice(taken);
    const match = PREFIXES.find((p) => p.length < rest.length && p.every((w, i) => rest[i] === w));
    if (!match) break;
    prefixWords.push(...match);
    taken += match.length;
  }
  return { prefix: canonicalPrefix(prefixWords), main: words.slice(taken).join(' ') };
}

/** Whether two canonical prefixes are compatible: equal, or one is the abbreviation "v d" of the other. */
export function prefixesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const abbreviated = (p: string) => p === ABBREVIATED_PREFIX;
  const expandsVd = (p: string) => p === 'van de' || p === 'van der' || p === 'van den';
  return (abbreviated(a) && expandsVd(b)) || (abbreviated(b) && expandsVd(a));
}

export interface GivenNames {
  /** Folded given names ("jan pieter" → ["jan", "pieter"]); initials appear as one letter. */
  names: string[];
  /** First letters of all given names ("jp"). */
  initials: string;
  /** True when only initials were given ("J.P."). */
  initialsOnly: boolean;
}

export function splitGivenNames(givenNames: string): GivenNames {
  const raw = foldName(givenNames).split(' ').filter(Boolean);
  // "JP" written without dots is ambiguous; only treat runs of 2-3 capitals as initials when the
  // original was upper case, otherwise it is a short name.
  const names: string[] = [];
  const originalWords = givenNames
    .trim()
    .split(/[\s.]+/)
    .filter(Boolean);
  for (const word of raw) {
    const upperInitials = originalWords.some(
      (w) => w.length <= 3 && w === w.toUpperCase() && foldName(w) === word,
    );
    if (word.length > 1 && word.length <= 3 && upperInitials && !/[aeiouy]/.test(word))
      names.push(...word.split(''));
    else names.push(word);
  }
  return {
    names,
    initials: names.map((n) => n[0]).join(''),
    initialsOnly: names.length > 0 && names.every((n) => n.length === 1),
  };
}
