/**
 * Number words used to hide phone numbers from scrapers ("zes-een-twee", "twaalf34", "zero six").
 * Turned into digits only inside phone-like runs, so ordinary text is untouched.
 */
export const UNITS_NL = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
export const TEENS_NL = [
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
];
const TENS_NL = [
  '',
  '',
  'twintig',
  'dertig',
  'veertig',
  'vijftig',
  'zestig',
  'zeventig',
  'tachtig',
  'negentig',
];
export const UNITS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
export const TEENS_EN = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS_EN = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function buildWordValues(): Map<string, string> {
  const values = new Map<string, string>();
  const add = (word: string, value: number | string) => {
    values.set(word, String(value));
  };
  for (const [i, w] of UNITS_NL.entries()) add(w, i);
  add('één', 1);
  for (const [i, w] of UNITS_EN.entries()) add(w, i);
  add('oh', 0);
  for (const [i, w] of TEENS_NL.entries()) add(w, 10 + i);
  for (const [i, w] of TEENS_EN.entries()) add(w, 10 + i);
  for (let t = 2; t < 10; t++) {
    add(TENS_NL[t], t * 10);
    add(TENS_EN[t], t * 10);
    for (let u = 1; u < 10; u++) {
      // Dutch puts the unit first: vierentwintig = 24; "twee" + "en" becomes "tweeën".
      const unit = UNITS_NL[u];
      const joiner = unit.endsWith('e') ? 'ën' : 'en';
      add(`${unit}${joiner}${TENS_NL[t]}`, t * 10 + u);
      if (joiner === 'ën') add(`${unit}en${TENS_NL[t]}`, t * 10 + u);
      add(`${TENS_EN[t]}-${UNITS_EN[u]}`, t * 10 + u);
      add(`${TENS_EN[t]}${UNITS_EN[u]}`, t * 10 + u);
    }
  }
  return values;
}

export const NUMBER_WORDS: ReadonlyMap<string, string> = buildWordValues();

/** Longest first, so "zeventien" wins over "zeven" and "twenty-one" over "twenty". */
export const NUMBER_WORD_PATTERN = [...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|');
