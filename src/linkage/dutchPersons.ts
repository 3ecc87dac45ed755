/**
 * A seeded generator of Dutch person registrations with known truth, for tests and benchmarks:
 * common Dutch and immigrant names, tussenvoegsels, and the errors registrations typically have
 * (day and month swapped, prefix missing or abbreviated, initials only, transliteration, typos,
 * given and family name swapped).
 */

import { mulberry32 } from '../domain/random.ts';
import type { PersonInput } from './person.ts';

const DUTCH_GIVEN =
  'Jan Pieter Kees Henk Willem Johannes Cornelis Hendrik Gerrit Dirk Bram Daan Sem Lucas Finn Jesse Thijs Ruben Lars Bas Tim Niels Joost Maarten Sander Wouter Stijn Koen Jeroen Arjen Anna Maria Johanna Sanne Lotte Emma Julia Sophie Eva Fleur Lisa Iris Anouk Marieke Ingrid Petra Annelies Femke Roos Noor Tess Saskia Ilse Wilhelmina Geertje Hanneke Mieke Dewi Ivo Rik Gijs Teun'.split(
    ' ',
  );
/** Immigrant names with a transliteration or diacritic variant after the bar. */
const OTHER_GIVEN =
  'Mohamed|Mohammed Ahmed|Ahmet Fatima|Fatma Youssef|Joesoef Khadija|Chadija Mustafa|Moestafa Ayşe|Ayse Şükrü|Sukru Mehmet|Mehmed Hüseyin|Huseyin Emine Zeynep Stefan|Ştefan Ioana Andreea Mihai Gheorghe|Georghe Elena Katarzyna Małgorzata|Malgorzata Łukasz|Lukasz Paweł|Pawel Agnieszka Olena|Olyena Oleksandr|Aleksandr Yuliya|Julia Sergiy|Sergei Dmitri|Dmitrij Natalia|Nataliya Chinedu Blessing Precious Oluwaseun Abeba Tesfaye Yonas|Johannes Thi|Ti Nguyen Minh Lan Wei Jing Bogdan Todor Desislava|Dessislava'.split(
    ' ',
  );
const SURNAME_STEMS =
  'Jong Vries Berg Dijk Bakker Janssen Visser Smit Meijer Boer Mulder Groot Bos Vos Peters Hendriks Leeuwen Dekker Brouwer Wit Dijkstra Smits Graaf Meer Linden Kok Jacobs Haan Vermeulen Heuvel Veen Broek Bruijn Brink Schouten Beek Willems Hoekstra Koster Prins Huisman Jonker Kuipers Post Kramer Wal Hoek Steen Velde Maas Bosch Hofman Veenstra Timmermans Wolf Kuiper Schipper Molenaar Zwart Ploeg Gerritsen Vink Mol Haas Verbeek Hoven Kooij Wijk Groen Sluis Laan Vliet Kroon Rijn Eijk Kamp Hout Hulst Boom Bergen Beekman Gier Molen Toorn Zanden Akker Vaart Horst Weerd Pol Klein Spek Mast'.split(
    ' ',
  );
const SUFFIXES = [
  '',
  '',
  '',
  'ink',
  'man',
  'sma',
  'stra',
  'ing',
  'er',
  'en',
  'hof',
  'veld',
  'kamp',
  'huis',
  'berg',
  'hout',
];
const PREFIXES = [
  '',
  '',
  '',
  '',
  'van',
  'de',
  'van der',
  'van den',
  'van de',
  'ter',
  'ten',
  'van het',
  "in 't",
  'op de',
];
const OTHER_SURNAMES =
  'Yılmaz|Yilmaz Kaya Demir Şahin|Sahin Çelik|Celik Öztürk|Ozturk El Amrani|El-Amrani Bouzid Benali|Ben Ali Haddou|Hadou Azzouzi|Azouzi Popescu Ionescu Constantinescu|Konstantinescu Nowak Kowalski Wiśniewski|Wisniewski Wójcik|Wojcik Kowalczyk Kamiński|Kaminski Shevchenko|Sjevtsjenko Kovalenko Bondarenko Tkachenko|Tkatsjenko Okafor Adeyemi Okonkwo Tesfay Gebremedhin|Gebremedin Nguyễn|Nguyen Trần|Tran Lê|Le Wang Li Zhang Petrov|Petrof Ivanova Dimitrova|Dimitrowa Georgiev|Georgiew'.split(
    ' ',
  );

export interface GeneratedRecord {
  entity: number;
  person: PersonInput;
}

export interface DutchDataset {
  a: GeneratedRecord[];
  b: GeneratedRecord[];
  /** Number of entities in both lists. */
  truePairs: number;
}

type Rng = () => number;

function pick<T>(random: Rng, items: readonly T[], skew = 1.6): T {
  // Skewed towards the start, as real name frequencies are.
  return items[Math.floor(random() ** skew * items.length)];
}

function typo(random: Rng, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(random() * (s.length - 2));
  const kind = random();
  if (kind < 0.33) return s.slice(0, i) + s.slice(i + 1);
  if (kind < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  return s.slice(0, i) + 'aeiourstn'[Math.floor(random() * 9)] + s.slice(i + 1);
}

interface Truth {
  given: [string, string?];
  prefix: string;
  family: [string, string?];
  dob: string;
  gender: string;
}

function makeTruth(random: Rng): Truth {
  const immigrant = random() < 0.35;
  const givenRaw = immigrant ? pick(random, OTHER_GIVEN) : pick(random, DUTCH_GIVEN);
  const given = givenRaw.split('|') as [string, string?];
  let prefix = '';
  let family: [string, string?];
  if (immigrant) family = pick(random, OTHER_SURNAMES).split('|') as [string, string?];
  else {
    prefix = pick(random, PREFIXES, 1);
    family = [pick(random, SURNAME_STEMS) + pick(random, SUFFIXES, 1)];
  }
  const year = 1950 + Math.floor(random() * 60);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { given, prefix, family, dob, gender: random() < 0.5 ? 'M' : 'V' };
}

function clean(t: Truth): PersonInput {
  return {
    givenName: t.given[0],
    prefix: t.prefix,
    familyName: t.family[0],
    dateOfBirth: t.dob,
    gender: t.gender,
  };
}

/** A second registration of the same person with 1–2 typical errors. */
function noisy(random: Rng, t: Truth): PersonInput {
  let given = t.given[0];
  let prefix = t.prefix;
  let family = t.family[0];
  let [y, m, d] = t.dob.split('-');
  let dobFormat = random() < 0.5 ? 'iso' : 'dmy';
  const errors = 1 + (random() < 0.4 ? 1 : 0);
  for (let e = 0; e < errors; e++) {
    const r = random();
    if (r < 0.12 && Number(d) <= 12) [d, m] = [m, d];
    else if (r < 0.22 && prefix) prefix = '';
    else if (r < 0.3 && prefix.startsWith('van d')) prefix = random() < 0.5 ? 'vd' : 'v.d.';
    else if (r < 0.42) given = `${given[0]}.`;
    else if (r < 0.56 && (t.given[1] || t.family[1])) {
      given = t.given[1] ?? given;
      family = t.family[1] ?? family;
    } else if (r < 0.68) family = typo(random, family);
    else if (r < 0.76) given = typo(random, given);
    else if (r < 0.84) {
      // One digit of the day mistyped.
      d = String(Math.min(28, Math.max(1, Number(d) + (random() < 0.5 ? 1 : -1)))).padStart(2, '0');
    } else if (r < 0.9) {
      [given, family] = [family, given];
      prefix = '';
    } else if (r < 0.95) family = family.replace(/ij/g, 'y');
    else dobFormat = 'compact';
  }
  const dateOfBirth =
    dobFormat === 'iso' ? `${y}-${m}-${d}` : dobFormat === 'dmy' ? `${d}-${m}-${y}` : `${y}${m}${d}`;
  // Sometimes the prefix is written inside the family name.
  if (prefix && random() < 0.5)
    return { givenName: given, familyName: `${prefix} ${family}`, dateOfBirth, gender: t.gender };
  return { givenName: given, prefix, familyName: family, dateOfBirth, gender: t.gender };
}

/**
 * Two lists: A holds `size` persons, B holds a noisy copy of `overlap` × size of them plus as
 * many new persons, shuffled. Same seed, same data.
 */
export function generateDutchLists(size: number, { seed = 7, overlap = 0.5 } = {}): DutchDataset {
  const random = mulberry32(seed);
  const a: GeneratedRecord[] = [];
  const b: GeneratedRecord[] = [];
  let truePairs = 0;
  for (let i = 0; i < size; i++) {
    const truth = makeTruth(random);
    a.push({ entity: i, person: clean(truth) });
    if (random() < overlap) {
      b.push({ entity: i, person: noisy(random, truth) });
      truePairs++;
    }
  }
  for (let i = 0; b.length < size; i++) b.push({ entity: size + i, person: clean(makeTruth(random)) });
  for (let i = b.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [b[i], b[j]] = [b[j], b[i]];
  }
  return { a, b, truePairs };
}
