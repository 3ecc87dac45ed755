/**
 * A second population generator, written apart from src/linkage/dutchPersons.ts so the linkage is
 * measured on data it was not tuned to. It starts from a population (not from a list): persons of
 * Dutch and foreign origin drawn from name pools of a chosen size with Zipf frequencies, each seen
 * or not by three organisations, each of which registers the persons it sees in its own writing
 * style (columns, case, prefix, date format) with its own registration errors. Every property is a
 * setting; the truth (who is who) is kept beside the lists, never in them.
 */

/** Small seeded generator (sfc32), independent of the project's mulberry32. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

// Name stock. The pool size setting takes the first k of each; frequencies then follow Zipf.
const FOREIGN_GIVEN = [
  'Fatima',
  'Mohamed',
  'Aisha',
  'Ahmed',
  'Nadia',
  'Youssef',
  'Amina',
  'Omar',
  'Mariam',
  'Ibrahim',
  'Ayşe',
  'Mehmet',
  'Zeynep',
  'Mustafa',
  'Elif',
  'Hüseyin',
  'Ana',
  'Ion',
  'Elena',
  'Vasile',
  'Olena',
  'Oleksandr',
  'Iryna',
  'Andriy',
  'Joy',
  'Blessing',
  'Chioma',
  'Emeka',
  'Hiwet',
  'Yonas',
  'Thi Lan',
  'Van Minh',
  'Hoa',
  'Tuan',
  'Agnieszka',
  'Piotr',
  'Małgorzata',
  'Tomasz',
  'Ivana',
  'Dimitar',
  'Precious',
  'Esther',
  'Grace',
  'Samuel',
  'Senait',
  'Tesfay',
  'Leila',
  'Karim',
  'Salma',
  'Hamza',
];
const DUTCH_GIVEN = [
  'Maria',
  'Johannes',
  'Anna',
  'Cornelis',
  'Sanne',
  'Jeroen',
  'Lotte',
  'Bram',
  'Femke',
  'Daan',
  'Inge',
  'Pieter',
  'Esmée',
  'Thijs',
  'Noa',
  'Ruud',
  'Marloes',
  'Koen',
  'Renée',
  'Gerrit',
  'Wilma',
  'Sjoerd',
  'Lieke',
  'Hendrik',
  'Joëlle',
  'Wim',
  'Anouk',
  'Rik',
  'Chantal',
  'Dirk',
];
const FOREIGN_FAMILY = [
  'Meijer',
  'El Idrissi',
  'Yılmaz',
  'Nguyễn',
  'Popescu',
  'Okafor',
  'Kowalska',
  'Bondarenko',
  'Tesfamariam',
  'Benali',
  'Demir',
  'Ionescu',
  'Adeyemi',
  'Trần',
  'Nowak',
  'Kovalenko',
  'Haile',
  'Amrani',
  'Öztürk',
  'Dumitru',
  'Eze',
  'Phạm',
  'Wiśniewska',
  'Shevchuk',
  'Gebre',
  'Bakkali',
  'Çelik',
  'Stoica',
  'Obi',
  'Lê',
  'Zielińska',
  'Melnyk',
  'Tekle',
  'Ouali',
  'Aydın',
  'Georgieva',
  'Nwosu',
  'Hoàng',
  'Lewandowska',
  'Petrova',
];
/** Dutch family names as [prefix, main]. */
const DUTCH_FAMILY: [string, string][] = [
  ['de', 'Vries'],
  ['van der', 'Berg'],
  ['', 'Jansen'],
  ['van', 'Dijk'],
  ['', 'Bakker'],
  ['', 'Visser'],
  ['de', 'Boer'],
  ['van den', 'Heuvel'],
  ['', 'Mulder'],
  ['', 'Smit'],
  ['van', 'Leeuwen'],
  ['de', 'Groot'],
  ['', 'Bos'],
  ['van der', 'Meer'],
  ['', 'Hendriks'],
  ['ter', 'Horst'],
  ['', 'Dekker'],
  ['van', 'Beek'],
  ['in ’t', 'Veld'],
  ['', 'Brouwer'],
  ['van de', 'Ven'],
  ['', 'Kok'],
  ['ten', 'Cate'],
  ['', 'Willems'],
  ['van', 'Wijk'],
  ['de', 'Jong'],
  ['', 'Postma'],
  ['van der', 'Linden'],
  ['', 'Kramer'],
  ['op de', 'Beeck'],
];

export interface ErrorRates {
  /** One character dropped, doubled, replaced or two swapped, per name. */
  typo: number;
  /** Diacritics dropped or a letter transliterated (ş → s, ł → l, ij → y). */
  diacritics: number;
  /** Day and month of birth written the other way round (when both ≤ 12). */
  dayMonthSwap: number;
  /** Year of birth one off, day and month kept. */
  yearOff: number;
  /** One digit of the date mistyped. */
  digit: number;
  /** For persons without papers: the date registered as 1 January, 1 July or the year only. */
  estimated: number;
  /** Given name written as its initial. */
  initials: number;
  /** Given and family name written in each other's place. */
  nameOrder: number;
}

export interface PopulationSettings {
  seed: number;
  /** Persons in the population (most are seen by no organisation). */
  persons: number;
  /** Share of persons of foreign origin. */
  foreignShare: number;
  /** Distinct given and family names per origin (taken from the head of the stock). */
  givenPool: number;
  familyPool: number;
  /** Zipf exponent of name frequencies (1 = a few names very frequent). */
  zipf: number;
  /** Probability that each organisation sees a person; visibility varies per person (heterogeneity). */
  capture: [number, number, number];
  /** Share of foreign persons without papers (their dates may be estimated). */
  undocumented: number;
  errors: ErrorRates;
}

export const BASE_SETTINGS: PopulationSettings = {
  seed: 11,
  persons: 4000,
  foreignShare: 0.6,
  givenPool: 30,
  familyPool: 30,
  zipf: 0.6,
  capture: [0.27, 0.22, 0.27],
  undocumented: 0.3,
  errors: {
    typo: 0.04,
    diacritics: 0.3,
    dayMonthSwap: 0.04,
    yearOff: 0.08,
    digit: 0.02,
    estimated: 0.3,
    initials: 0.05,
    nameOrder: 0.03,
  },
};

interface Person {
  id: number;
  given: string;
  prefix: string;
  family: string;
  year: number;
  month: number;
  day: number;
  gender: 'M' | 'F';
  undocumented: boolean;
}

export interface OrganisationList {
  name: string;
  /** CSV text as the organisation would hand it in. */
  csv: string;
  /** The population id of each data row (truth; never encoded). */
  ids: number[];
}

export interface Population {
  lists: OrganisationList[];
  /** Persons seen by at least one organisation. */
  observed: number;
  /** True capture-pattern counts ("110" → persons seen by the first two lists only). */
  truth: Map<string, number>;
}

function zipfPicker(random: () => number, size: number, exponent: number) {
  const weights = Array.from({ length: size }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  return () => {
    const r = random();
    const i = cumulative.findIndex((c) => r < c);
    return i < 0 ? size - 1 : i;
  };
}

function makePopulation(s: PopulationSettings, random: () => number): Person[] {
  const take = <T>(stock: T[], k: number) => stock.slice(0, Math.max(1, Math.min(k, stock.length)));
  const pools = {
    foreignGiven: take(FOREIGN_GIVEN, s.givenPool),
    dutchGiven: take(DUTCH_GIVEN, s.givenPool),
    foreignFamily: take(FOREIGN_FAMILY, s.familyPool),
    dutchFamily: take(DUTCH_FAMILY, s.familyPool),
  };
  const pick = Object.fromEntries(
    Object.entries(pools).map(([k, v]) => [k, zipfPicker(random, v.length, s.zipf)]),
  ) as Record<keyof typeof pools, () => number>;
  const persons: Person[] = [];
  for (let id = 0; id < s.persons; id++) {
    const foreign = random() < s.foreignShare;
    // Victims are mostly young adults: birth years 1975–2008, weighted towards the late 1990s.
    const year = 2008 - Math.floor(33 * random() ** 1.5);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
    const [prefix, family] = foreign
      ? ['', pools.foreignFamily[pick.foreignFamily()]]
      : pools.dutchFamily[pick.dutchFamily()];
    persons.push({
      id,
      given: foreign ? pools.foreignGiven[pick.foreignGiven()] : pools.dutchGiven[pick.dutchGiven()],
      prefix,
      family,
      year,
      month,
      day,
      gender: random() < 0.7 ? 'F' : 'M',
      undocumented: foreign && random() < s.undocumented,
    });
  }
  return persons;
}

const TRANSLITERATE: [RegExp, string][] = [
  [/ş/g, 's'],
  [/ç/g, 'c'],
  [/ı/g, 'i'],
  [/ł/g, 'l'],
  [/ś/g, 's'],
  [/ń/g, 'n'],
  [/ễ/g, 'e'],
  [/ạ/g, 'a'],
  [/ầ/g, 'a'],
  [/à/g, 'a'],
  [/ö/g, 'oe'],
  [/ü/g, 'ue'],
  [/é/g, 'e'],
  [/ë/g, 'e'],
  [/ij/g, 'y'],
  [/’/g, "'"],
];

function typo(random: () => number, name: string): string {
  if (name.length < 4) return name;
  const i = 1 + Math.floor(random() * (name.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0:
      return name.slice(0, i) + name.slice(i + 1);
    case 1:
      return name.slice(0, i) + name[i] + name.slice(i);
    case 2:
      return `${name.slice(0, i)}${'eaoinr'[Math.floor(random() * 6)]}${name.slice(i + 1)}`;
    default:
      return name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1);
  }
}

interface Style {
  name: string;
  upper: boolean;
  /** Prefix written inside the family name instead of its own column. */
  prefixInside: boolean;
  date: 'iso' | 'dmy' | 'compact';
  /** How this organisation writes a date of which only the year is known. */
  yearOnly: (year: number) => string;
  /** Column headers, in this organisation's own words (all aliases pprl encode knows). */
  header: string[];
  /** Extra share of initials-only given names (one organisation registers "F. Meijer"). */
  initials: number;
}

const STYLES: Style[] = [
  {
    name: 'politie',
    upper: false,
    prefixInside: true,
    date: 'iso',
    yearOnly: (y) => `${y}`,
    header: ['id', 'given_name', 'family_name', 'date_of_birth', 'gender'],
    initials: 0,
  },
  {
    name: 'zorg',
    upper: true,
    prefixInside: false,
    date: 'dmy',
    yearOnly: (y) => `00-00-${y}`,
    header: ['id', 'given_name', 'tussenvoegsel', 'surname', 'dob', 'gender'],
    initials: 0,
  },
  {
    name: 'opvang',
    upper: false,
    prefixInside: true,
    date: 'compact',
    yearOnly: (y) => `${y}0000`,
    header: ['id', 'given_name', 'surname', 'date_of_birth', 'gender'],
    initials: 0.1,
  },
];

function formatDate(style: Style, y: number, m: number, d: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  if (style.date === 'iso') return `${y}-${two(m)}-${two(d)}`;
  if (style.date === 'dmy') return `${two(d)}-${two(m)}-${y}`;
  return `${y}${two(m)}${two(d)}`;
}

function register(p: Person, style: Style, e: ErrorRates, random: () => number): string[] {
  let given = p.given;
  let family = p.family;
  let prefix = p.prefix;
  if (random() < e.diacritics) {
    for (const [from, to] of TRANSLITERATE) {
      given = given.replace(from, to);
      family = family.replace(from, to);
    }
  }
  if (random() < e.typo) family = typo(random, family);
  if (random() < e.typo) given = typo(random, given);
  if (random() < e.initials + style.initials) given = `${given[0]}.`;
  let { year, month, day } = p;
  if (random() < e.yearOff) year += random() < 0.5 ? 1 : -1;
  if (random() < e.dayMonthSwap && day <= 12 && day !== month) [day, month] = [month, day];
  if (random() < e.digit) {
    // Last digit of the day or the month, staying a real date.
    if (random() < 0.5) day = day % 10 === 9 ? day - 1 : Math.min(28, day + 1);
    else month = month % 10 === 9 ? month - 1 : month === 12 ? 11 : month + 1;
  }
  let date = formatDate(style, year, month, day);
  if (p.undocumented && random() < e.estimated) {
    const r = random();
    date =
      r < 0.4
        ? formatDate(style, year, 1, 1)
        : r < 0.7
          ? formatDate(style, year, 7, 1)
          : style.yearOnly(year);
  }
  let familyOut = style.prefixInside && prefix ? `${prefix} ${family}` : family;
  if (style.prefixInside) prefix = '';
  if (random() < e.nameOrder) [given, familyOut] = [familyOut, given];
  const gender = style.name === 'zorg' ? (p.gender === 'F' ? 'V' : 'M') : p.gender;
  const cells =
    style.header.length === 6 ? [given, prefix, familyOut, date, gender] : [given, familyOut, date, gender];
  return cells.map((c) => (style.upper ? c.toUpperCase() : c));
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A population and the three organisations' lists of it. Same settings, same data. */
export function generatePopulation(settings: PopulationSettings): Population {
  const random = sfc32(settings.seed);
  const persons = makePopulation(settings, random);
  const seenBy: boolean[][] = persons.map(() => {
    // A person's visibility (sex work on the street vs. indoors) raises or lowers every chance.
    const visibility = 0.5 + random();
    return settings.capture.map((c) => random() < Math.min(1, c * visibility));
  });
  const lists = STYLES.map((style, o) => {
    const rows: { id: number; cells: string[] }[] = [];
    persons.forEach((p, i) => {
      if (seenBy[i][o]) rows.push({ id: p.id, cells: register(p, style, settings.errors, random) });
    });
    // Lists come in the organisation's own order, not the population's.
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const lines = [
      style.header.join(','),
      ...rows.map((r, k) => [`${style.name}-${k + 1}`, ...r.cells].map(csvCell).join(',')),
    ];
    return { name: style.name, csv: `${lines.join('\n')}\n`, ids: rows.map((r) => r.id) };
  });
  const truth = new Map<string, number>();
  let observed = 0;
  for (const seen of seenBy) {
    if (!seen.some(Boolean)) continue;
    observed++;
    const pattern = seen.map((x) => (x ? '1' : '0')).join('');
    truth.set(pattern, (truth.get(pattern) ?? 0) + 1);
  }
  return { lists, observed, truth };
}

/** Sum of absolute cell errors of a capture table, over the true observed total. */
export function tableError(
  truth: Map<string, number>,
  linked: Map<string, number>,
  observed: number,
): number {
  let sum = 0;
  for (const key of new Set([...truth.keys(), ...linked.keys()])) {
    if (key === '000') continue;
    sum += Math.abs((truth.get(key) ?? 0) - (linked.get(key) ?? 0));
  }
  return sum / observed;
}
