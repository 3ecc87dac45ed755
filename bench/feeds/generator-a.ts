/**
 * Generator A of (Wav register, visa applications with known truth): Dutch family-business names
 * ("Bouwbedrijf De Vries", "Jansen Schoonmaak"), legal forms from a short list, trade names in a column or after
 * "h.o.d.n.", one-letter typos (substitution, deletion, insertion, transposition), word order swaps, missing KvK
 * numbers and moved companies. Negatives come from the same name space (same surnames, other sectors), so
 * "Vries Bouwmaterialen VOF" next to "De Vries Bouw BV" happens as it does in life.
 */
import { mulberry32 } from '../../src/domain/random.ts';
import type { Referent, RegisterEntry } from '../../src/feeds/match.ts';

export interface GeneratorASettings {
  seed: number;
  register: number;
  applications: number;
  /** Share of applications whose referent is in the register. */
  trueShare: number;
  /** Share of applications without the referent's KvK number. */
  missingKvk: number;
  /** Share of true referents that give a trade name instead of the statutory name. */
  tradeName: number;
  /** Share of true referents' names with a typo. */
  typo: number;
  /** Share of true referents' names with words in another order. */
  wordOrder: number;
  /** Share of true referents at another address than the register's. */
  moved: number;
  /** Share of negatives that share a surname with a register company (hard negatives). */
  sibling: number;
}

export const DEFAULT_A: GeneratorASettings = {
  seed: 1,
  register: 50_000,
  applications: 10_000,
  trueShare: 0.2,
  missingKvk: 0.6,
  tradeName: 0.25,
  typo: 0.2,
  wordOrder: 0.2,
  moved: 0.15,
  sibling: 0.3,
};

const SURNAMES = [
  'de vries',
  'jansen',
  'de jong',
  'bakker',
  'visser',
  'smit',
  'meijer',
  'de boer',
  'mulder',
  'de groot',
  'bos',
  'vos',
  'peters',
  'hendriks',
  'van leeuwen',
  'dekker',
  'brouwer',
  'de wit',
  'dijkstra',
  'smits',
  'de graaf',
  'van der meer',
  'van der linden',
  'kok',
  'jacobs',
  'de haan',
  'vermeulen',
  'van den berg',
  'van dijk',
  'schouten',
  'van der heijden',
  'willems',
  'koster',
  'van wijk',
  'hoekstra',
  'prins',
  'maas',
  'huisman',
  'postma',
  'kuipers',
  'verhoeven',
  'vink',
  'wouters',
  'van beek',
  'timmermans',
  'groen',
  'yilmaz',
  'kaya',
  'demir',
  'sahin',
  'el amrani',
  'bouzid',
  'nowak',
  'kowalski',
  'popescu',
  'ionescu',
];
const SYLLABLES = [
  'ber',
  'ken',
  'hol',
  'ster',
  'man',
  'dam',
  'hof',
  'land',
  'wijk',
  'veld',
  'broek',
  'horst',
  'kamp',
  'laar',
  'rink',
  'ing',
  'sma',
  'stra',
  'ter',
  'bos',
];
const SECTORS = [
  ['bouw', 'bouwbedrijf'],
  ['schoonmaak', 'schoonmaakbedrijf'],
  ['uitzend', 'uitzendbureau'],
  ['transport', 'transportbedrijf'],
  ['tuinbouw', 'kwekerij'],
  ['logistiek', 'logistiek'],
  ['horeca', 'restaurant'],
  ['agrarisch', 'loonbedrijf'],
  ['installatie', 'installatiebedrijf'],
  ['schilder', 'schildersbedrijf'],
  ['bouwmaterialen', 'bouwmaterialen'],
  ['champignon', 'champignonkwekerij'],
  ['vlees', 'vleesverwerking'],
  ['nagel', 'nagelstudio'],
  ['autopoets', 'autowasstraat'],
];
const LEGAL = ['B.V.', 'BV', 'V.O.F.', 'VOF', 'Holding B.V.', '', '', 'B.V.'];
const CITIES = [
  ['Amsterdam', '10'],
  ['Rotterdam', '30'],
  ['Den Haag', '25'],
  ['Utrecht', '35'],
  ['Eindhoven', '56'],
  ['Westland', '26'],
  ['Venlo', '59'],
  ['Groningen', '97'],
  ['Tilburg', '50'],
  ['Almere', '13'],
  ['Breda', '48'],
  ['Nijmegen', '65'],
  ['Zwolle', '80'],
  ['Emmen', '78'],
  ['Horst', '59'],
];
const STREETS = [
  'Dorpsstraat',
  'Industrieweg',
  'Kerkstraat',
  'Havenweg',
  'Molenweg',
  'Stationsweg',
  'Nijverheidsweg',
];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const title = (s: string) => s.replace(/(^|\s)([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());

function surname(rng: Rng): string {
  if (rng() < 0.4) return pick(rng, SURNAMES);
  return pick(rng, SYLLABLES) + pick(rng, SYLLABLES) + (rng() < 0.5 ? pick(rng, SYLLABLES) : '');
}

interface Company {
  kvk: string;
  family: string;
  sector: number;
  name: string;
  trade: string[];
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
}

function address(rng: Rng): Pick<Company, 'street' | 'houseNumber' | 'postcode' | 'city'> {
  const [city, pc] = pick(rng, CITIES);
  const letters = 'ABCDEGHJKLMNPRSTVWXZ';
  return {
    street: pick(rng, STREETS),
    houseNumber: String(1 + Math.floor(rng() * 250)) + (rng() < 0.1 ? pick(rng, ['a', 'b', 'A']) : ''),
    postcode: `${pc}${String(Math.floor(rng() * 100)).padStart(2, '0')}${pick(rng, [...letters])}${pick(rng, [...letters])}`,
    city,
  };
}

function companyName(rng: Rng, family: string, sector: number): string {
  const [short, long] = SECTORS[sector];
  const f = title(family);
  switch (Math.floor(rng() * 4)) {
    case 0:
      return `${title(long)} ${f}`;
    case 1:
      return `${f} ${title(short)}`;
    case 2:
      return `${f} ${title(short)} ${title(pick(rng, ['service', 'groep', 'en zonen', 'nederland']))}`;
    default:
      return `${title(short)}bedrijf ${f}`;
  }
}

function makeCompany(
  rng: Rng,
  kvks: Set<string>,
  family = surname(rng),
  sector = Math.floor(rng() * SECTORS.length),
): Company {
  let kvk: string;
  do kvk = String(10_000_000 + Math.floor(rng() * 89_999_999));
  while (kvks.has(kvk));
  kvks.add(kvk);
  const name = companyName(rng, family, sector);
  const trade = rng() < 0.4 ? [companyName(rng, family, sector)].filter((t) => t !== name) : [];
  return { kvk, family, sector, name, trade, ...address(rng) };
}

export function typo(rng: Rng, value: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const positions = [...value].map((c, i) => (/[a-z]/i.test(c) ? i : -1)).filter((i) => i > 0);
  if (positions.length < 2) return value;
  const i = pick(rng, positions);
  switch (Math.floor(rng() * 4)) {
    case 0:
      return value.slice(0, i) + pick(rng, [...letters]) + value.slice(i + 1);
    case 1:
      return value.slice(0, i) + value.slice(i + 1);
    case 2:
      return value.slice(0, i) + pick(rng, [...letters]) + value.slice(i);
    default:
      return i + 1 < value.length ? value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2) : value;
  }
}

function swapWords(rng: Rng, value: string): string {
  const words = value.split(' ');
  if (words.length < 2) return value;
  const i = Math.floor(rng() * (words.length - 1));
  [words[i], words[i + 1]] = [words[i + 1], words[i]];
  return words.join(' ');
}

export interface GeneratedSet {
  register: RegisterEntry[];
  applications: Referent[];
  /** Application id → register id of its referent, or null when the referent is not in the register. */
  truth: Map<string, string | null>;
}

export function generateA(settings: GeneratorASettings): GeneratedSet {
  const rng = mulberry32(settings.seed);
  const kvks = new Set<string>();
  const fined: Company[] = [];
  for (let i = 0; i < settings.register; i++) fined.push(makeCompany(rng, kvks));
  const register: RegisterEntry[] = fined.map((c, i) => {
    const legal = pick(rng, LEGAL);
    const hodn = c.trade.length > 0 && rng() < 0.3;
    return {
      id: `W${i + 1}`,
      kvk: c.kvk,
      name: `${c.name}${legal ? ` ${legal}` : ''}${hodn ? ` (h.o.d.n. ${c.trade[0]})` : ''}`,
      tradeNames: hodn ? c.trade.slice(1) : c.trade,
      street: c.street,
      houseNumber: c.houseNumber,
      postcode: c.postcode,
      city: c.city,
    };
  });
  const applications: Referent[] = [];
  const truth = new Map<string, string | null>();
  for (let i = 0; i < settings.applications; i++) {
    const id = `A${i + 1}`;
    let company: Company;
    let registerId: string | null = null;
    if (rng() < settings.trueShare) {
      const k = Math.floor(rng() * fined.length);
      company = fined[k];
      registerId = register[k].id;
      let name = company.trade.length > 0 && rng() < settings.tradeName ? company.trade[0] : company.name;
      if (rng() < settings.wordOrder) name = swapWords(rng, name);
      if (rng() < settings.typo) name = typo(rng, name);
      const moved = rng() < settings.moved ? address(rng) : company;
      company = { ...company, name, ...moved };
    } else if (rng() < settings.sibling) {
      const other = pick(rng, fined);
      let sector = Math.floor(rng() * SECTORS.length);
      if (sector === other.sector) sector = (sector + 1) % SECTORS.length;
      company = makeCompany(rng, kvks, other.family, sector);
    } else company = makeCompany(rng, kvks);
    const legal = pick(rng, LEGAL);
    applications.push({
      id,
      name: `${company.name}${legal ? ` ${legal}` : ''}`,
      kvk: rng() < settings.missingKvk ? undefined : company.kvk,
      street: company.street,
      houseNumber: company.houseNumber,
      postcode:
        rng() < 0.5 ? company.postcode : `${company.postcode.slice(0, 4)} ${company.postcode.slice(4)}`,
      city: company.city,
    });
    truth.set(id, registerId);
  }
  return { register, applications, truth };
}
