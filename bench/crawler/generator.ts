import { TEENS_EN, TEENS_NL, UNITS_EN, UNITS_NL } from '../../src/crawler/number-words.ts';
import { Random } from './random.ts';
import { BODY, CITIES, INTROS, type Lang, MODIFIERS, NAMES, RISK_PHRASES, TITLES } from './texts.ts';

/**
 * A seeded synthetic escort-ad collection with known operators (the ground truth for linking):
 * operators post from templates with varying slots, rotate and obfuscate phone numbers, reuse
 * re-encoded images and move between cities; independent advertisers are the negatives; agency
 * numbers and a stock photo are decoys shared by unrelated advertisers.
 */
export interface SynthAd {
  id: string;
  /** Ground truth: the advertiser (operator or independent) behind the ad. */
  entity: string;
  lang: Lang;
  title: string;
  text: string;
  city: string;
  postedAt: string;
  /** The phone as shown in the phone field (possibly obfuscated), or undefined when only in the text. */
  phoneField?: string;
  /** Truth: the E.164 numbers in the ad. */
  phones: string[];
  email?: string;
  handle?: string;
  price: number;
  age: number;
  /** Image names: `<base>-<variant>`; the same base is the same picture, re-encoded with noise. */
  images: string[];
}

export interface GeneratorOptions {
  seed: number;
  ads: number;
  /** Share of ads posted by operators (the rest by independents). */
  operatorShare: number;
}

export const DEFAULT_GENERATOR: GeneratorOptions = { seed: 42, ads: 600, operatorShare: 0.5 };

const KEYCAP = '\uFE0F\u20E3';
const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

function mobile(rng: Random): string {
  return `6${String(rng.int(10_000_000, 99_999_999))}`;
}

/** Shows a national number (without 0) the way ads do to dodge scrapers. */
export function obfuscate(national: string, rng: Random, lang: Lang): string {
  const digits = `0${national}`;
  const units = lang === 'nl' ? UNITS_NL : UNITS_EN;
  switch (rng.int(0, 5)) {
    case 0:
      return `${digits.slice(0, 2)}-${digits.slice(2)}`;
    case 1:
      return digits.replace(/(\d\d)(?=\d)/g, '$1 ');
    case 2:
      return [...digits].map((d) => units[Number(d)]).join(rng.pick(['-', ' ', ' ']));
    case 3: {
      // "06 twaalf34 5678": one pair of digits written as a word.
      const pair = Number(digits.slice(2, 4));
      const word =
        pair >= 10 && pair < 20
          ? (lang === 'nl' ? TEENS_NL : TEENS_EN)[pair - 10]
          : `${units[Number(digits[2])]}${digits[3]}`;
      return `${digits.slice(0, 2)} ${word}${digits.slice(4, 6)} ${digits.slice(6)}`;
    }
    case 4:
      return [...digits].map((d) => `${d}${KEYCAP}`).join('');
    default:
      return `+31 ${national[0]} ${national.slice(1, 5)} ${national.slice(5)}`;
  }
}

function fill(template: string, slots: { name: string; age: number; city: string }): string {
  return template
    .replace('{name}', slots.name)
    .replace('{age}', String(slots.age))
    .replace('{city}', slots.city);
}

function bodySentences(rng: Random, lang: Lang, count: number): string[] {
  return rng.sample(BODY[lang], count).map(([a, b]) => {
    const modifier = rng.pick(MODIFIERS[lang]);
    return `${rng.pick(a)}${modifier ? ` ${modifier}` : ''} ${rng.pick(b)}`;
  });
}

interface Operator {
  id: string;
  lang: Lang;
  templates: string[][];
  phones: string[];
  personas: { name: string; age: number }[];
  images: number[];
  cities: string[];
  risk: string[];
  priceBase: number;
  email?: string;
}

/** Builds the collection; deterministic for a seed. Images are referenced by name, drawn by images.ts. */
export function generateAds(options: Partial<GeneratorOptions> = {}): SynthAd[] {
  return [...adStream(options)];
}

/** The same collection one ad at a time, so a million ads need not be in memory at once. */
export function* adStream(options: Partial<GeneratorOptions> = {}): Generator<SynthAd> {
  const { seed, ads: total, operatorShare } = { ...DEFAULT_GENERATOR, ...options };
  const rng = new Random(seed);
  let produced = 0;
  let imageBase = 0;
  const agencies = Array.from({ length: 3 }, () => `20${rng.int(1_000_000, 9_999_999)}`);
  const stockImage = imageBase++;
  const seenPhones = new Set<string>();
  const freshPhone = () => {
    for (;;) {
      const phone = mobile(rng);
      if (!seenPhones.has(phone)) {
        seenPhones.add(phone);
        return phone;
      }
    }
  };
  const operatorAds = Math.round(total * operatorShare);
  let entity = 0;
  while (produced < operatorAds) {
    const lang: Lang = rng.chance(0.6) ? 'nl' : 'en';
    const op: Operator = {
      id: `op${entity++}`,
      lang,
      templates: Array.from({ length: rng.int(1, 2) }, () => [
        rng.pick(INTROS[lang]),
        ...bodySentences(rng, lang, rng.int(4, 6)),
      ]),
      phones: Array.from({ length: rng.int(1, 4) }, freshPhone),
      personas: Array.from({ length: rng.int(1, 4) }, () => ({
        name: rng.pick(NAMES),
        age: rng.int(18, 29),
      })),
      images: Array.from({ length: rng.int(2, 5) }, () => imageBase++),
      cities: rng.sample(CITIES, rng.int(2, 6)),
      risk: rng.sample(RISK_PHRASES[lang], rng.int(0, 2)),
      priceBase: rng.chance(0.3) ? rng.int(40, 70) : rng.int(100, 200),
      email: rng.chance(0.3) ? `bookings.${entity}${rng.int(10, 99)}@example.nl` : undefined,
    };
    const count = Math.min(operatorAds - produced, rng.int(3, 25));
    for (let i = 0; i < count; i++) yield operatorAd(op, i, rng, produced++);
  }
  while (produced < total) {
    const lang: Lang = rng.chance(0.6) ? 'nl' : 'en';
    const id = `ind${entity++}`;
    const persona = { name: rng.pick(NAMES), age: rng.int(21, 45) };
    const phone = freshPhone();
    const agency = rng.chance(0.15) ? rng.pick(agencies) : undefined;
    const text = [rng.pick(INTROS[lang]), ...bodySentences(rng, lang, rng.int(4, 6))];
    const images = [rng.chance(0.2) ? stockImage : imageBase++];
    const city = rng.pick(CITIES);
    const handle = rng.chance(0.2) ? `snapchat:${persona.name.toLowerCase()}${rng.int(100, 999)}` : undefined;
    const count = Math.min(total - produced, rng.chance(0.7) ? 1 : rng.int(2, 3));
    for (let i = 0; i < count; i++) {
      const slots = { ...persona, city };
      const lines = text.map((t) => fill(t, slots));
      if (agency)
        lines.push(
          lang === 'nl' ? `Boekingen ook via bureau 0${agency}.` : `Bookings also via agency 0${agency}.`,
        );
      const inText = rng.chance(0.4);
      if (inText) lines.push(`${lang === 'nl' ? 'Bel' : 'Call'} ${obfuscate(phone, rng, lang)}`);
      yield {
        id: `ad${String(produced++).padStart(7, '0')}`,
        entity: id,
        lang,
        title: fill(rng.pick(TITLES[lang]), slots),
        text: lines.join(' '),
        city,
        postedAt: new Date(START + rng.int(0, 90) * DAY + rng.int(0, DAY - 1)).toISOString(),
        phoneField: inText ? undefined : obfuscate(phone, rng, lang),
        phones: agency ? [`+31${phone}`, `+31${agency}`] : [`+31${phone}`],
        handle,
        price: rng.int(100, 250),
        age: persona.age,
        images: images.map((base) => `${base}-${rng.int(0, 5)}`),
      };
    }
  }
}

function operatorAd(op: Operator, index: number, rng: Random, serial: number): SynthAd {
  const persona = rng.pick(op.personas);
  // Operators move: the city follows the ad's position in the operator's timeline.
  const city =
    op.cities[
      Math.min(op.cities.length - 1, Math.floor((index / 25) * op.cities.length * 2) % op.cities.length)
    ];
  const slots = { ...persona, city };
  const template = rng.pick(op.templates);
  let lines = template.map((t) => fill(t, slots));
  if (rng.chance(0.3) && lines.length > 4) lines.splice(rng.int(1, lines.length - 1), 1);
  if (rng.chance(0.3)) lines.push(...bodySentences(rng, op.lang, 1));
  lines = [...lines, ...op.risk];
  const phone = rng.pick(op.phones);
  const inText = rng.chance(0.4);
  if (inText)
    lines.push(`${op.lang === 'nl' ? 'Bel of app' : 'Call or text'} ${obfuscate(phone, rng, op.lang)}`);
  return {
    id: `ad${String(serial).padStart(7, '0')}`,
    entity: op.id,
    lang: op.lang,
    title: fill(rng.pick(TITLES[op.lang]), slots),
    text: lines.join(' '),
    city,
    postedAt: new Date(START + index * rng.int(1, 3) * DAY + rng.int(0, DAY - 1)).toISOString(),
    phoneField: inText ? undefined : obfuscate(phone, rng, op.lang),
    phones: [`+31${phone}`],
    email: op.email,
    price: op.priceBase + rng.int(-10, 10),
    age: persona.age,
    images: rng.sample(op.images, rng.int(1, 2)).map((base) => `${base}-${rng.int(0, 5)}`),
  };
}
