/**
 * A bulk import file (CSV, the template's Dutch headers) whose rows share phone numbers and KvK numbers,
 * as a file from one investigation does: `shareRate` of the rows take their number from a pool of
 * `sharedNumbers`, the rest have their own. Persons get generated names and birth dates. Deterministic
 * for a seed. Used by `bench/signals/import.ts` and the import tests.
 */
import { mulberry32 } from '../../src/domain/random.ts';
export interface ImportFileSettings {
  rows: number;
  /** Share of the rows whose phone (and company) come from the shared pool, 0–1. */
  shareRate: number;
  /** How many shared numbers the pool holds. */
  sharedNumbers: number;
  seed: number;
  /** The start of every row's description ("Melding"), to tell files apart. */
  tag?: string;
}

const GIVEN = ['Jan', 'Fatima', 'Piotr', 'Ana', 'Mohamed', 'Ioana', 'Kees', 'Olena', 'Daan', 'Mei'];
const SURNAMES = ['Jansen', 'El Amrani', 'Kowalski', 'Popescu', 'de Vries', 'Nguyen', 'Bakker', 'Shevchenko'];
const HEADERS = [
  'vormen',
  'indicatoren',
  'omschrijving',
  'gemeente',
  'persoon_rol',
  'persoon_voornamen',
  'persoon_achternaam',
  'persoon_geboortedatum',
  'persoon_telefoon',
  'bedrijf_naam',
  'bedrijf_kvk',
];

// Deterministic (mulberry32 from src/domain/random.ts), so two runs import the same file.
const random = mulberry32;

const phone = (n: number) =>
  `+3161${String(1_000_000 + n)
    .padStart(7, '0')
    .slice(-7)}`;
const kvk = (n: number) => String(60_000_000 + n);

export function importFile(settings: ImportFileSettings): string {
  const next = random(settings.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const lines = [HEADERS.join(';')];
  for (let row = 0; row < settings.rows; row++) {
    const shared = next() < settings.shareRate;
    const number = shared ? Math.floor(next() * settings.sharedNumbers) : settings.sharedNumbers + row;
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const year = 1960 + Math.floor(next() * 45);
    lines.push(
      [
        'labour',
        'ilo.excessive_overtime',
        `${settings.tag ?? 'Melding'} ${row + 1} uit het bestand`,
        'GM0363',
        'possible_victim',
        pick(GIVEN),
        pick(SURNAMES),
        `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        phone(number),
        shared ? `Uitzendbureau ${number} BV` : '',
        shared ? kvk(number) : '',
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}
