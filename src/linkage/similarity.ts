/** String similarity and a phonetic key for names as they are written in the Netherlands. */

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Damerau (optimal string alignment) edit distance, for short codes such as dates and numbers. */
export function editDistance(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  for (let i = 1; i <= la; i++) {
    const cur = new Array<number>(lb + 1);
    cur[0] = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[lb];
}

/**
 * Spelling variants that sound alike in Dutch or arise from transliteration into Dutch
 * (Joesoef/Yusuf/Youssef, Sjevtsjenko/Shevchenko, Mohamed/Muhammad, Dijk/Dyk/Deik).
 * Order matters: longer patterns first.
 */
const PHONETIC_RULES: Array<[RegExp, string]> = [
  [/tsj|tch|tsch/g, 'c'],
  [/sch|sj|sh|ch(?=[aeiouy])|zj/g, 'S'],
  [/ch|kh|gh|g/g, 'G'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dt$|d$/g, 't'],
  [/ck|c(?=[aouklrt])|q/g, 'k'],
  [/c/g, 's'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/v|w/g, 'f'],
  [/ij|ei|ey|ai|ay|j/g, 'y'],
  [/oe|ou|au|oo|uu/g, 'u'],
  [/h/g, ''],
];

/**
 * A phonetic key for names: the first sound kept (vowels as one class), then the consonant
 * skeleton with runs collapsed, at most 6 symbols.
 */
export function dutchPhonetic(folded: string): string {
  let s = folded.replace(/[^a-z]/g, '');
  if (!s) return '';
  for (const [pattern, replacement] of PHONETIC_RULES) s = s.replace(pattern, replacement);
  if (!s) return '';
  const first = /[aeiouy]/.test(s[0]) ? 'A' : s[0];
  let key = first;
  let last = first;
  for (let i = 1; i < s.length && key.length < 6; i++) {
    const ch = s[i];
    if (/[aeiouy]/.test(ch)) {
      last = 'A';
      continue;
    }
    if (ch !== last) key += ch;
    last = ch;
  }
  return key;
}
