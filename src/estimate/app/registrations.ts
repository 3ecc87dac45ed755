import { blockingKeys, clusterLinks, comparePersons, type Edge, preparePerson } from '../../linkage/index.ts';
import { REGISTRATION_STRATA } from '../grants.ts';
import type { TableRow } from './input.ts';

/**
 * A capture table from Ketenplein's own registrations: every person reported as a possible victim in
 * a signal is a record on the list of the organisation (or organisation type) that reported it;
 * records of one person across signals are linked in the clear by the linkage capability, and each
 * linked person counts once, in the capture pattern of the lists that reported them.
 * Pure: the caller reads the records inside the access layer and hands back only counts.
 */

export { REGISTRATION_STRATA };
export type RegistrationStratum = (typeof REGISTRATION_STRATA)[number];
export type ListsBy = 'organisation' | 'organisation_type';

export interface RegistrationRecord {
  /** The reporting organisation and its type. */
  orgId: string;
  orgName: string;
  orgType: string;
  /** When the signal was received (ISO), which dates the registration. */
  receivedAt: string;
  forms: readonly string[];
  givenNames: string | null;
  prefix: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  birthYear: number | null;
  gender: string | null;
  /** Keyed fingerprint of the BSN: equal fingerprints are the same person. */
  bsnFingerprint: string | null;
}

export interface RegistrationOptions {
  listsBy: ListsBy;
  strata: readonly RegistrationStratum[];
  /** Cells with fewer persons than this (but more than none) are named in a warning. */
  minCell: number;
}

export interface RegistrationList {
  name: string;
  label: string;
  organisations: number;
}

export interface RegistrationTable {
  lists: RegistrationList[];
  strata: RegistrationStratum[];
  rows: TableRow[];
  registrations: number;
  persons: number;
  /** Linked persons reported by more than one list. */
  overlapping: number;
  warnings: { nl: string; en: string }[];
}

export class RegistrationError extends Error {
  constructor(
    readonly nl: string,
    readonly en: string,
    readonly field: string,
  ) {
    super(`${nl} / ${en}`);
  }
}

const MAX_LISTS = 10;

/** A list name as the estimate engine accepts it (letter first, letters/digits/underscore, ≤ 31). */
function listName(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^[^A-Za-z]+|_+$/g, '')
      .slice(0, 28) || 'L';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function ageGroup(record: RegistrationRecord): string {
  const year = Number(record.receivedAt.slice(0, 4));
  let age: number | undefined;
  if (record.dateOfBirth) {
    age = year - Number(record.dateOfBirth.slice(0, 4));
    if (record.receivedAt.slice(5, 10) < record.dateOfBirth.slice(5, 10)) age--;
  } else if (record.birthYear) {
    age = year - record.birthYear;
  }
  if (age === undefined) return 'unknown';
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  return '35+';
}

function stratumValue(stratum: RegistrationStratum, record: RegistrationRecord): string {
  switch (stratum) {
    case 'year':
      return record.receivedAt.slice(0, 4);
    case 'form':
      return record.forms.length === 1 ? record.forms[0] : record.forms.length === 0 ? 'unknown' : 'multiple';
    case 'gender':
      return record.gender ?? 'unknown';
    case 'age_group':
      return ageGroup(record);
  }
}

/** Clusters the records into persons: a BSN fingerprint in common, or names and birth dates that match. */
export function linkRegistrations(records: readonly RegistrationRecord[]): Int32Array {
  const edges: Edge[] = [];
  const byBsn = new Map<string, number>();
  const blocks = new Map<string, number[]>();
  const prepared = records.map((record) =>
    preparePerson(
      {
        givenName: record.givenNames ?? undefined,
        prefix: record.prefix ?? undefined,
        familyName: record.surname ?? undefined,
        dateOfBirth: record.dateOfBirth ?? undefined,
        yearOfBirth: record.birthYear ?? undefined,
        gender: record.gender ?? undefined,
      },
      true,
    ),
  );
  records.forEach((record, i) => {
    if (record.bsnFingerprint) {
      const first = byBsn.get(record.bsnFingerprint);
      if (first === undefined) byBsn.set(record.bsnFingerprint, i);
      else edges.push({ i: first, j: i, weight: 100 });
    }
    // A person without any name cannot be recognised again: it stays a person of its own.
    if (!record.surname && !record.givenNames) return;
    for (const key of blockingKeys(prepared[i])) {
      const block = blocks.get(key) ?? [];
      block.push(i);
      blocks.set(key, block);
    }
  });
  const compared = new Set<number>();
  const n = records.length;
  for (const block of blocks.values()) {
    for (let a = 0; a < block.length; a++) {
      for (let b = a + 1; b < block.length; b++) {
        const i = block[a];
        const j = block[b];
        const pair = i < j ? i * n + j : j * n + i;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const match = comparePersons(prepared[i], prepared[j]);
        if (match.matched) edges.push({ i, j, weight: match.weight });
      }
    }
  }
  return clusterLinks(n, edges);
}

/** The capture table (per stratum) of linked persons, with warnings for small cells; counts only. */
export function registrationTable(
  records: readonly RegistrationRecord[],
  options: RegistrationOptions,
  /** The person of each record when already linked (off the event loop: `link-thread.ts`). */
  linked?: Int32Array,
): RegistrationTable {
  const listKey = (r: RegistrationRecord) => (options.listsBy === 'organisation' ? r.orgId : r.orgType);
  const listLabel = (r: RegistrationRecord) => (options.listsBy === 'organisation' ? r.orgName : r.orgType);
  const keys = new Map<string, { label: string; orgs: Set<string> }>();
  for (const record of records) {
    const entry = keys.get(listKey(record)) ?? { label: listLabel(record), orgs: new Set<string>() };
    entry.orgs.add(record.orgId);
    keys.set(listKey(record), entry);
  }
  if (keys.size < 2) {
    throw new RegistrationError(
      `er zijn registraties van ${keys.size} lijst(en); een schatting vraagt er ten minste 2`,
      `there are registrations of ${keys.size} list(s); an estimate needs at least 2`,
      'listsBy',
    );
  }
  if (keys.size > MAX_LISTS) {
    throw new RegistrationError(
      `${keys.size} organisaties melden; maximaal ${MAX_LISTS} lijsten — kies lijsten per organisatietype`,
      `${keys.size} organisations report; at most ${MAX_LISTS} lists — choose lists by organisation type`,
      'listsBy',
    );
  }
  // Lists in a stable order (by label), so the same registrations always give the same table.
  const ordered = [...keys].sort((a, b) => a[1].label.localeCompare(b[1].label, 'nl'));
  const taken = new Set<string>();
  const lists = ordered.map(([, v]) => ({
    name: listName(v.label, taken),
    label: v.label,
    organisations: v.orgs.size,
  }));
  const indexOf = new Map(ordered.map(([key], i) => [key, i]));

  const roots = linked ?? linkRegistrations(records);
  const persons = new Map<number, number[]>();
  roots.forEach((root, i) => {
    const members = persons.get(root) ?? [];
    members.push(i);
    persons.set(root, members);
  });
  const counts = new Map<string, { pattern: string; stratum: Record<string, string>; count: number }>();
  let overlapping = 0;
  for (const members of persons.values()) {
    let mask = 0;
    for (const i of members) mask |= 1 << indexOf.get(listKey(records[i]))!;
    if (mask & (mask - 1)) overlapping++;
    // A person's strata come from their first registration.
    const first = members.reduce((a, b) => (records[b].receivedAt < records[a].receivedAt ? b : a));
    const stratum = Object.fromEntries(options.strata.map((s) => [s, stratumValue(s, records[first])]));
    let pattern = '';
    for (let l = 0; l < lists.length; l++) pattern += (mask >> l) & 1 ? '1' : '0';
    const key = `${pattern}|${JSON.stringify(stratum)}`;
    const cell = counts.get(key) ?? { pattern, stratum, count: 0 };
    cell.count++;
    counts.set(key, cell);
  }
  const rows: TableRow[] = [...counts.values()]
    .sort(
      (a, b) =>
        JSON.stringify(a.stratum).localeCompare(JSON.stringify(b.stratum)) ||
        a.pattern.localeCompare(b.pattern),
    )
    .map(({ pattern, stratum, count }) =>
      options.strata.length ? { pattern, count, stratum } : { pattern, count },
    );

  const warnings: { nl: string; en: string }[] = [];
  const small = rows.filter((row) => row.count < options.minCell);
  if (small.length > 0) {
    const where = small
      .slice(0, 20)
      .map((row) => {
        const stratum = row.stratum
          ? ` (${Object.entries(row.stratum)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')})`
          : '';
        return `${row.pattern}${stratum}: ${row.count}`;
      })
      .join('; ');
    const more = small.length > 20 ? ` …(+${small.length - 20})` : '';
    warnings.push({
      nl: `${small.length} cel(len) met minder dan ${options.minCell} personen — niet onderdrukt; publiceer ze niet zonder afronding of samenvoegen: ${where}${more}`,
      en: `${small.length} cell(s) with fewer than ${options.minCell} persons — not suppressed; do not publish them without rounding or merging: ${where}${more}`,
    });
  }
  const unnamed = records.filter((r) => !r.surname && !r.givenNames && !r.bsnFingerprint).length;
  if (unnamed > 0) {
    warnings.push({
      nl: `${unnamed} registratie(s) zonder naam of BSN: elk als afzonderlijke persoon geteld (mogelijk dubbel)`,
      en: `${unnamed} registration(s) without name or BSN: each counted as a separate person (possibly twice)`,
    });
  }
  return {
    lists,
    strata: [...options.strata],
    rows,
    registrations: records.length,
    persons: persons.size,
    overlapping,
    warnings,
  };
}
