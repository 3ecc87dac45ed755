/**
 * Generator B, written apart from A so the matcher's rules (tuned on A) are checked on data they were not
 * tuned on: international staffing and logistics firms ("Kowalczyk Staffing Solutions Sp. z o.o.", "EuroFlex
 * Personeel Group"), invented brand words, legal forms written out ("Besloten Vennootschap", "Eenmanszaak",
 * "Ltd"), a keyboard/OCR typo model (neighbouring keys, doubled or dropped letters, compounds split or joined,
 * diacritics lost, ij/y), trade names given after "h.o.d.n." in the application itself, KvK numbers with a
 * wrong digit, moves within the same city (same postcode area) and house-number additions written differently.
 */
import { mulberry32 } from '../../src/domain/random.ts';
import type { GeneratedSet } from './generator-a.ts';

export interface GeneratorBSettings {
  seed: number;
  register: number;
  applications: number;
  trueShare: number;
  missingKvk: number;
  /** Share of given KvK numbers with one wrong digit. */
  kvkTypo: number;
  tradeName: number;
  /** Expected typos per true referent's name (Poisson). */
  typos: number;
  /** Share of true referents that moved (half within their city). */
  moved: number;
  /** Share of negatives built from a fined company's brand word with another activity. */
  sibling: number;
}

export const DEFAULT_B: GeneratorBSettings = {
  seed: 7,
  register: 50_000,
  applications: 10_000,
  trueShare: 0.3,
  missingKvk: 0.4,
  kvkTypo: 0.02,
  tradeName: 0.35,
  typos: 0.3,
  moved: 0.2,
  sibling: 0.4,
};

const FAMILY = [
  'Kowalczyk',
  'Wiśniewski',
  'Dąbrowski',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Woźniak',
  'Kozłowski',
  'Mazur',
  'Krawczyk',
  'Popa',
  'Stan',
  'Dumitru',
  'Constantin',
  'Georgescu',
  'Petrov',
  'Ivanov',
  'Dimitrov',
  'Horváth',
  'Kovács',
  'Szabó',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Çelik',
  'Nguyen',
  'Tran',
  'Pham',
  'Silva',
  'Santos',
  'Ferreira',
  'Oliveira',
  'Van Dijk',
  'Van IJzendoorn',
  'Bijl',
  'Rijnders',
];
const PREFIX = [
  'Euro',
  'Flex',
  'Pro',
  'Inter',
  'Top',
  'Prima',
  'Holland',
  'Nord',
  'West',
  'Green',
  'Star',
  'Best',
  'Fast',
  'Multi',
  'Royal',
];
const STEM = [
  'work',
  'staff',
  'job',
  'team',
  'trans',
  'log',
  'clean',
  'bouw',
  'agri',
  'help',
  'force',
  'line',
  'care',
  'link',
  'hand',
];
const ACTIVITY = [
  'Staffing Solutions',
  'Personeel',
  'Personeelsdiensten',
  'Logistics',
  'Transport',
  'Cleaning Services',
  'Bouw',
  'Agro',
  'Flex',
  'Detachering',
  'Recruitment',
  'Werving en Selectie',
  'Horeca Services',
  'Montage',
];
const LEGAL = [
  'B.V.',
  'Besloten Vennootschap',
  'Holding B.V.',
  'Sp. z o.o.',
  'Ltd',
  'Eenmanszaak',
  'v.o.f.',
  'SRL',
  '',
];
const CITIES = [
  ['Westland', '267'],
  ['Venlo', '591'],
  ['Roosendaal', '470'],
  ['Tiel', '400'],
  ['Waalwijk', '514'],
  ['Zeewolde', '389'],
  ['Rotterdam', '308'],
  ['Amsterdam', '104'],
  ['Den Bosch', '521'],
  ['Moerdijk', '478'],
];
const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

function brand(rng: Rng): string {
  const b = pick(rng, PREFIX) + pick(rng, STEM);
  return rng() < 0.3 ? b + pick(rng, ['x', 'us', 'ia', 'er', 'o']) : b;
}

interface Firm {
  kvk: string;
  core: string;
  name: string;
  trade?: string;
  houseNumber: string;
  postcode: string;
  city: string;
  cityCode: string;
}

function place(rng: Rng, cityCode?: string): Pick<Firm, 'houseNumber' | 'postcode' | 'city' | 'cityCode'> {
  const c = cityCode ? (CITIES.find((x) => x[1] === cityCode) ?? pick(rng, CITIES)) : pick(rng, CITIES);
  const n = 1 + Math.floor(rng() * 400);
  return {
    houseNumber: rng() < 0.15 ? `${n}${pick(rng, ['A', 'B', ' bis', '-2'])}` : String(n),
    postcode: `${c[1]}${Math.floor(rng() * 10)}${String.fromCharCode(65 + Math.floor(rng() * 26))}${String.fromCharCode(65 + Math.floor(rng() * 26))}`,
    city: c[0],
    cityCode: c[1],
  };
}

function firm(rng: Rng, used: Set<string>, core?: string): Firm {
  let kvk: string;
  do kvk = String(Math.floor(rng() * 1e8)).padStart(8, '0');
  while (used.has(kvk) || kvk.startsWith('0'));
  used.add(kvk);
  const c = core ?? (rng() < 0.5 ? pick(rng, FAMILY) : brand(rng));
  const activity = pick(rng, ACTIVITY);
  const name =
    rng() < 0.5
      ? `${c} ${activity}`
      : `${c} ${activity.split(' ')[0]} ${pick(rng, ['Group', 'Nederland', 'International', 'Europe'])}`;
  const trade = rng() < 0.5 ? `${brand(rng)} ${pick(rng, ACTIVITY)}` : undefined;
  return { kvk, core: c, name, trade, ...place(rng) };
}

function typoB(rng: Rng, value: string): string {
  const kind = Math.floor(rng() * 6);
  const chars = [...value];
  const i = 1 + Math.floor(rng() * Math.max(1, chars.length - 2));
  const ch = chars[i]?.toLowerCase() ?? '';
  switch (kind) {
    case 0: {
      const row = KEYBOARD.find((r) => r.includes(ch));
      if (!row) return value;
      const j = row.indexOf(ch) + (rng() < 0.5 ? -1 : 1);
      chars[i] = row[Math.max(0, Math.min(row.length - 1, j))];
      return chars.join('');
    }
    case 1:
      chars.splice(i, 0, chars[i]);
      return chars.join('');
    case 2:
      chars.splice(i, 1);
      return chars.join('');
    case 3: {
      const sp = value.indexOf(' ');
      return sp > 0 && rng() < 0.5
        ? value.slice(0, sp) + value.slice(sp + 1)
        : value.replace(/(\w{4})(\w{4,})/, '$1 $2');
    }
    case 4:
      return value
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ł/g, 'l')
        .replace(/ı/g, 'i');
    default:
      return value.replace(/ij/g, 'y').replace(/IJ/g, 'Y');
  }
}

function poisson(rng: Rng, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = rng();
  while (u > s && k < 5) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}

export function generateB(settings: GeneratorBSettings): GeneratedSet {
  const rng = mulberry32(settings.seed * 7919 + 13);
  const used = new Set<string>();
  const fined: Firm[] = [];
  for (let i = 0; i < settings.register; i++) fined.push(firm(rng, used));
  const register = fined.map((f, i) => ({
    id: `WAV-${String(i + 1).padStart(6, '0')}`,
    kvk: f.kvk,
    name: `${f.name} ${pick(rng, LEGAL)}`.trim(),
    tradeNames: f.trade ? [f.trade] : [],
    street: 'Straat',
    houseNumber: f.houseNumber,
    postcode: f.postcode,
    city: f.city,
  }));
  const applications: GeneratedSet['applications'] = [];
  const truth = new Map<string, string | null>();
  for (let i = 0; i < settings.applications; i++) {
    const id = `APP-${i + 1}`;
    let f: Firm;
    let registerId: string | null = null;
    let name: string;
    if (rng() < settings.trueShare) {
      const k = Math.floor(rng() * fined.length);
      f = fined[k];
      registerId = register[k].id;
      const r = rng();
      name =
        f.trade && r < settings.tradeName
          ? rng() < 0.5
            ? f.trade
            : `${f.name} h.o.d.n. ${f.trade}`
          : f.name;
      for (let t = poisson(rng, settings.typos); t > 0; t--) name = typoB(rng, name);
      if (rng() < settings.moved) {
        const p = rng() < 0.5 ? place(rng, f.cityCode) : place(rng);
        f = { ...f, ...p };
      } else if (/\d$/.test(f.houseNumber) === false && rng() < 0.5) {
        f = { ...f, houseNumber: f.houseNumber.replace(/^(\d+)\s*-?\s*/, '$1-') };
      }
    } else {
      f = rng() < settings.sibling ? firm(rng, used, pick(rng, fined).core) : firm(rng, used);
      name = f.name;
    }
    let kvk: string | undefined = rng() < settings.missingKvk ? undefined : f.kvk;
    if (kvk && rng() < settings.kvkTypo) {
      const j = Math.floor(rng() * 8);
      kvk = kvk.slice(0, j) + String((Number(kvk[j]) + 1) % 10) + kvk.slice(j + 1);
    }
    applications.push({
      id,
      name: `${name} ${pick(rng, LEGAL)}`.trim(),
      kvk,
      houseNumber: f.houseNumber,
      postcode: f.postcode.toLowerCase(),
      city: f.city.toUpperCase(),
    });
    truth.set(id, registerId);
  }
  return { register, applications, truth };
}
