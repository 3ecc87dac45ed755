import { TEENS_EN, TEENS_NL, UNITS_EN, UNITS_NL } from '../../src/crawler/number-words.ts';
import {
  BANK,
  BANK_CITIES,
  BANK_NAMES,
  type BankLang,
  CONTACT_LINES,
  DECOY_LINES,
  EMOJI,
} from './phrase-bank.ts';
import { Random } from './random.ts';

/**
 * The second, independent test-collection generator (issue 13). Unlike generator.ts, operators
 * and independent advertisers draw whole sentences from ONE shared phrase bank; an operator's
 * identity shows in its own selection and wording of sentences and in its numbers, and every way
 * advertisers blur that is a setting: typos, dropped/added/reordered sentences, reworded
 * alternatives, mixed languages, emoji and odd spacing, how often the number is shown at all and
 * how it is written (digits, spaced, international, spelled out in Dutch or English words, pairs
 * as words, words and digits mixed), several numbers per operator used in turn, decoy numbers
 * (taxi, hotel, booking line) beside advertisers' own numbers. Ads carry only text, the way a
 * crawled page does: phones, e-mails and handles are found in it by the crawler's own extraction.
 */
export type NumberStyle =
  | 'digits'
  | 'spaced'
  | 'dashed'
  | 'intl'
  | 'words-nl'
  | 'words-en'
  | 'pairs-nl'
  | 'mixed';

export const NUMBER_STYLES: readonly NumberStyle[] = [
  'digits',
  'spaced',
  'dashed',
  'intl',
  'words-nl',
  'words-en',
  'pairs-nl',
  'mixed',
];

export interface GeneratorBOptions {
  seed: number;
  operators: number;
  /** Ads per operator, [min, max]. */
  operatorAds: [number, number];
  independents: number;
  /** Ads per independent advertiser, [min, max]. */
  independentAds: [number, number];
  /** Sentences in an advertiser's own template, [min, max]. */
  templateSentences: [number, number];
  /** Per word: chance of a typo (swapped, dropped, doubled or wrong letter). */
  typoRate: number;
  /** Per sentence of the template: chance it is left out of an ad. */
  dropRate: number;
  /** Per ad: chance its sentences come in another order. */
  reorderRate: number;
  /** Per ad: chance of an extra sentence from the shared bank. */
  addRate: number;
  /** Per sentence: chance its wording alternatives are chosen afresh. */
  rewordRate: number;
  /** Per sentence: chance it is written in the other language. */
  mixRate: number;
  /** Per ad: chance of emoji, doubled spaces and shouting. */
  noiseRate: number;
  /** Share of ads that show a number at all. */
  showNumber: number;
  numberStyles: readonly NumberStyle[];
  /** Numbers per operator, [min, max]; used in turn over the operator's ads. */
  numbersPerOperator: [number, number];
  /** Per ad at a change of number: chance it shows the old and the new number. */
  transitionRate: number;
  /** Shared decoy lines (taxi, hotel, booking); 0 for none. */
  decoys: number;
  /** Per ad that shows its own number: chance it also shows a decoy line. */
  decoyRate: number;
  /** Share of advertisers that also give an e-mail address or a messenger handle. */
  contactRate: number;
}

export const DEFAULT_GENERATOR_B: GeneratorBOptions = {
  seed: 7,
  operators: 80,
  operatorAds: [5, 40],
  independents: 400,
  independentAds: [1, 3],
  templateSentences: [6, 9],
  typoRate: 0.03,
  dropRate: 0.25,
  reorderRate: 0.3,
  addRate: 0.3,
  rewordRate: 0.1,
  mixRate: 0.1,
  noiseRate: 0.3,
  showNumber: 0.9,
  numberStyles: NUMBER_STYLES,
  numbersPerOperator: [1, 3],
  transitionRate: 0.2,
  decoys: 4,
  decoyRate: 0.15,
  contactRate: 0.2,
};

export interface SynthAdB {
  id: string;
  /** Ground truth: the advertiser behind the ad. */
  entity: string;
  text: string;
  /** Truth: national numbers (with 0) shown in the ad, the advertiser's own first. */
  numbers: string[];
}

interface Advertiser {
  id: string;
  lang: BankLang;
  /** Bank sentence numbers with the wording chosen once, in the advertiser's own order. */
  template: { index: number; choices: number[] }[];
  personas: { name: string; age: number }[];
  cities: string[];
  price: number;
  numbers: string[];
  contact?: string;
}

export function generateAdsB(options: Partial<GeneratorBOptions> = {}): SynthAdB[] {
  const o = { ...DEFAULT_GENERATOR_B, ...options };
  const rng = new Random(o.seed);
  const used = new Set<string>();
  const number = (prefix: string, length: number) => {
    for (;;) {
      let n = prefix;
      while (n.length < length) n += String(rng.int(0, 9));
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const mobile = () => number(`06${rng.int(1, 5)}`, 10);
  const decoys = Array.from({ length: o.decoys }, (_, i) =>
    i % 2 === 0 ? number(rng.pick(['020', '010', '030', '088', '085']), 10) : mobile(),
  );
  const decoyLine = Array.from({ length: o.decoys }, (_, i) => i % DECOY_LINES.nl.length);
  const ads: SynthAdB[] = [];
  const advertiser = (id: string, numbers: number): Advertiser => {
    const lang: BankLang = rng.chance(0.55) ? 'nl' : 'en';
    const size = rng.int(...o.templateSentences);
    return {
      id,
      lang,
      template: rng
        .sample(
          BANK[lang].map((_, i) => i),
          size,
        )
        .map((index) => ({ index, choices: choose(rng, BANK[lang][index]) })),
      personas: Array.from({ length: rng.int(1, 3) }, () => ({
        name: rng.pick(BANK_NAMES),
        age: rng.int(19, 38),
      })),
      cities: rng.sample(BANK_CITIES, rng.int(1, 4)),
      price: rng.int(8, 30) * 10,
      numbers: Array.from({ length: numbers }, mobile),
      contact: rng.chance(o.contactRate)
        ? rng.chance(0.5)
          ? `${rng.pick(BANK_NAMES).toLowerCase()}.${id}@example.org`
          : `telegram: @${rng.pick(BANK_NAMES).toLowerCase()}_${id}`
        : undefined,
    };
  };
  const emit = (who: Advertiser, count: number) => {
    for (let i = 0; i < count; i++) {
      // Numbers used in turn: the ad's place in the advertiser's timeline picks the number.
      const turn = Math.min(who.numbers.length - 1, Math.floor((i * who.numbers.length) / count));
      const shown: string[] = [];
      if (rng.chance(o.showNumber)) {
        shown.push(who.numbers[turn]);
        if (turn > 0 && rng.chance(o.transitionRate)) shown.push(who.numbers[turn - 1]);
      }
      const decoy =
        shown.length > 0 && decoys.length > 0 && rng.chance(o.decoyRate) ? rng.int(0, decoys.length - 1) : -1;
      ads.push({
        id: `b${String(ads.length).padStart(6, '0')}`,
        entity: who.id,
        text: writeAd(
          rng,
          o,
          who,
          i,
          count,
          shown,
          decoy < 0 ? undefined : [decoys[decoy], decoyLine[decoy]],
        ),
        numbers: decoy < 0 ? shown : [...shown, decoys[decoy]],
      });
    }
  };
  for (let k = 0; k < o.operators; k++)
    emit(advertiser(`op${k}`, rng.int(...o.numbersPerOperator)), rng.int(...o.operatorAds));
  for (let k = 0; k < o.independents; k++) emit(advertiser(`ind${k}`, 1), rng.int(...o.independentAds));
  // Interleave operators and independents, the way a listing shows them.
  return rng.sample(ads, ads.length);
}

/** Picks one alternative per `{a|b|c}` group of a bank sentence. */
function choose(rng: Random, sentence: string): number[] {
  return [...sentence.matchAll(/\{([^}]*\|[^}]*)\}/g)].map((m) => rng.int(0, m[1].split('|').length - 1));
}

function render(
  sentence: string,
  choices: number[],
  slots: { name: string; age: number; city: string; price: number },
): string {
  let k = 0;
  return sentence.replace(/\{([^}]*)\}/g, (_, body: string) => {
    if (body.includes('|')) {
      const parts = body.split('|');
      return parts[choices[k++] % parts.length];
    }
    return String(slots[body as keyof typeof slots] ?? body);
  });
}

function writeAd(
  rng: Random,
  o: GeneratorBOptions,
  who: Advertiser,
  i: number,
  count: number,
  shown: string[],
  decoy: [string, number] | undefined,
): string {
  const persona = rng.pick(who.personas);
  const slots = {
    ...persona,
    city: who.cities[Math.min(who.cities.length - 1, Math.floor((i * who.cities.length) / count))],
    price: who.price + rng.pick([-20, -10, 0, 0, 10, 20]),
  };
  let parts = who.template.filter(() => !rng.chance(o.dropRate));
  if (parts.length === 0) parts = [rng.pick(who.template)];
  let sentences = parts.map(({ index, choices }) => {
    const lang = rng.chance(o.mixRate) ? other(who.lang) : who.lang;
    const wording = rng.chance(o.rewordRate) ? choose(rng, BANK[lang][index]) : choices;
    return render(BANK[lang][index], wording, slots);
  });
  if (rng.chance(o.addRate)) {
    const extra = rng.int(0, BANK[who.lang].length - 1);
    sentences.splice(
      rng.int(0, sentences.length),
      0,
      render(BANK[who.lang][extra], choose(rng, BANK[who.lang][extra]), slots),
    );
  }
  if (rng.chance(o.reorderRate)) sentences = rng.sample(sentences, sentences.length);
  sentences = sentences.map((s) => typos(rng, s, o.typoRate));
  if (shown.length > 0) {
    const written = shown
      .map((n) => writeNumber(rng, n, rng.pick(o.numberStyles), who.lang))
      .join(who.lang === 'nl' ? ' of ' : ' or ');
    const line = rng.pick(CONTACT_LINES[who.lang]).replace('{n}', written);
    if (rng.chance(0.3)) sentences.unshift(`${line}.`);
    else sentences.push(`${line}.`);
  }
  if (decoy) {
    const [n, line] = decoy;
    sentences.push(
      DECOY_LINES[who.lang][line].replace('{n}', writeNumber(rng, n, rng.pick(o.numberStyles), who.lang)),
    );
  }
  if (who.contact) sentences.push(who.contact);
  if (rng.chance(o.noiseRate)) sentences = noise(rng, sentences);
  return sentences.join(rng.chance(o.noiseRate) ? '  ' : ' ');
}

const other = (lang: BankLang): BankLang => (lang === 'nl' ? 'en' : 'nl');

const NEIGHBOUR = 'qwertyuiopasdfghjklzxcvbnm';

/** Typos in words of 4+ letters: transposed, dropped, doubled or wrong (a keyboard neighbour) letter. */
function typos(rng: Random, sentence: string, rate: number): string {
  if (rate === 0) return sentence;
  return sentence.replace(/\p{L}{4,}/gu, (word) => {
    if (!rng.chance(rate)) return word;
    const at = rng.int(1, word.length - 2);
    switch (rng.int(0, 3)) {
      case 0:
        return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      case 1:
        return word.slice(0, at) + word.slice(at + 1);
      case 2:
        return word.slice(0, at) + word[at] + word.slice(at);
      default: {
        const k = NEIGHBOUR.indexOf(word[at].toLowerCase());
        const wrong = k < 0 ? 'e' : NEIGHBOUR[(k + 1) % NEIGHBOUR.length];
        return word.slice(0, at) + wrong + word.slice(at + 1);
      }
    }
  });
}

/** Emoji between sentences, a shouted word, a space before punctuation. */
function noise(rng: Random, sentences: string[]): string[] {
  return sentences.map((s) => {
    let out = s;
    if (rng.chance(0.4)) out = `${rng.pick(EMOJI)} ${out}`;
    if (rng.chance(0.2)) out = out.replace(/\p{L}{5,}/u, (w) => w.toUpperCase());
    if (rng.chance(0.2)) out = out.replace(/([.!?])$/, ' $1');
    if (rng.chance(0.2)) out = `${out}${rng.pick(EMOJI)}${rng.pick(EMOJI)}`;
    return out;
  });
}

const dutchPair = (pair: number): string => {
  if (pair < 10) return `nul ${UNITS_NL[pair]}`;
  if (pair < 20) return TEENS_NL[pair - 10];
  const tens = [
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
  ][Math.floor(pair / 10)];
  const unit = pair % 10;
  if (unit === 0) return tens;
  const u = UNITS_NL[unit];
  return `${u}${u.endsWith('e') ? 'ën' : 'en'}${tens}`;
};

/** A national number (with 0) written the way advertisers hide it from scrapers. */
export function writeNumber(rng: Random, national: string, style: NumberStyle, lang: BankLang): string {
  const digits = [...national];
  const units = lang === 'nl' ? UNITS_NL : UNITS_EN;
  switch (style) {
    case 'digits':
      return national;
    case 'spaced':
      return national.replace(/(\d\d)(?=\d)/g, '$1 ');
    case 'dashed':
      return `${national.slice(0, 2)}-${national.slice(2)}`;
    case 'intl':
      return `+31 ${national[1]} ${national.slice(2, 6)} ${national.slice(6)}`;
    case 'words-nl':
      return digits.map((d) => UNITS_NL[Number(d)]).join(rng.pick([' ', '-']));
    case 'words-en':
      return digits.map((d) => UNITS_EN[Number(d)]).join(rng.pick([' ', '-']));
    case 'pairs-nl': {
      const pairs = national.match(/\d\d/g) ?? [];
      return pairs.map((p) => dutchPair(Number(p))).join(' ');
    }
    case 'mixed':
      // Pairs as digits or words, now and then glued: "06 twaalf34 vijf6 78".
      return (national.match(/\d\d/g) ?? [])
        .map((p, k) => {
          if (k === 0 || rng.chance(0.4)) return p;
          const n = Number(p);
          if (n >= 10 && n < 20) return (lang === 'nl' ? TEENS_NL : TEENS_EN)[n - 10];
          return `${units[Number(p[0])]}${p[1]}`;
        })
        .join(' ');
  }
}
