import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import type { Label } from '../../domain/label.ts';
import { blockingKeys, comparePersons, type PersonInput, preparePerson } from '../../linkage/index.ts';

/** The parts of a stored or submitted person that matching uses. */
export interface MatchablePerson {
  givenNames?: string | null;
  prefix?: string | null;
  surname?: string | null;
  dateOfBirth?: string | null;
  birthYear?: number | null;
  gender?: string | null;
  nationality?: string | null;
}

function toLinkage(person: MatchablePerson): PersonInput {
  return {
    givenName: person.givenNames ?? undefined,
    prefix: person.prefix ?? undefined,
    familyName: person.surname ?? undefined,
    dateOfBirth: person.dateOfBirth ?? undefined,
    yearOfBirth: person.birthYear ?? undefined,
    gender: person.gender ?? undefined,
    nationality: person.nationality ?? undefined,
  };
}

/**
 * Blocking keys of a person (phonetic name codes and dates, never the clear name), stored as
 * `person_key` identifiers so candidates are found with the same index as phone numbers.
 */
export function personKeys(person: MatchablePerson): string[] {
  if (!person.surname && !person.givenNames) return [];
  return blockingKeys(toLinkage(person));
}

const COMPARISON_LABELS: Record<string, Label> = {
  date_of_birth: { nl: 'geboortedatum', en: 'date of birth' },
  family_name: { nl: 'achternaam', en: 'surname' },
  given_name: { nl: 'voornaam', en: 'given name' },
};

/** Most candidate signals compared for one signal: blocking keeps this small, the cap keeps it bounded. */
const MAX_CANDIDATES = 200;
/** At intake fewer, and only those sharing two or more keys (see migration 0101): intake has a latency budget. */
const MAX_INTAKE_CANDIDATES = 50;

type PersonRow = Parameters<typeof fromRow>[0] & { signal_id: string };
export type PersonMatches = Map<string, { score: number; reasons: unknown[] }>;

/** The best match per other signal between these persons and the candidates' persons, with reasons. */
function bestMatches(people: readonly MatchablePerson[], others: readonly PersonRow[]): PersonMatches {
  const best: PersonMatches = new Map();
  // Prepared once: normalising names and dates costs more than comparing them.
  const prepared = people.map((person) => preparePerson(toLinkage(person), true));
  for (const other of others) {
    const candidate = preparePerson(toLinkage(fromRow(other)), true);
    for (const person of prepared) {
      const match = comparePersons(person, candidate);
      if (!match.matched || (best.get(other.signal_id)?.score ?? 0) >= match.score) continue;
      const reasons = match.reasons
        .filter((reason) => reason.weight > 0)
        .map((reason) => ({
          kind: 'person',
          comparison: reason.comparison,
          level: reason.level,
          weight: Math.round(reason.weight * 100) / 100,
          label: COMPARISON_LABELS[reason.comparison] ?? { nl: reason.comparison, en: reason.comparison },
        }));
      best.set(other.signal_id, { score: match.score, reasons });
    }
  }
  return best;
}

/** Stores person matches as link suggestions, once per pair of signals. Returns how many were new. */
export async function storePersonLinks(tx: AccessTx, signalId: string, best: PersonMatches): Promise<number> {
  if (best.size === 0) return 0;
  const existing = await tx.db
    .selectFrom('signal_links')
    .select(['signal_id', 'other_signal_id'])
    .where('kind', '=', 'person')
    .where((eb) => eb.or([eb('signal_id', '=', signalId), eb('other_signal_id', '=', signalId)]))
    .execute();
  const known = new Set(existing.flatMap((row) => [row.signal_id, row.other_signal_id]));
  const fresh = [...best].filter(([other]) => !known.has(other));
  if (fresh.length > 0) {
    await tx.db
      .insertInto('signal_links')
      .values(
        fresh.map(([other, { score, reasons }]) => ({
          signal_id: signalId,
          other_signal_id: other,
          kind: 'person',
          score,
          reasons: JSON.stringify(reasons),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return fresh.length;
}

/**
 * Person matches for a signal at intake, before it is stored: the reporter cannot read other
 * organisations' persons, so the candidates come from a database function that runs as owner and
 * whose result never leaves this function except as signal ids with the reasons of a match.
 */
export async function intakePersonMatches(
  tx: AccessTx,
  signalId: string,
  people: readonly MatchablePerson[],
): Promise<PersonMatches> {
  const keys = [...new Set(people.flatMap(personKeys))];
  if (keys.length === 0) return new Map();
  const candidates = await sql<PersonRow>`
    SELECT * FROM signal_person_candidates(${keys}::text[], ${signalId}::uuid, ${MAX_INTAKE_CANDIDATES})`.execute(
    tx.db,
  );
  return bestMatches(people, candidates.rows);
}

/**
 * Person link suggestions, made when triage looks at a signal's links (chain-wide, so it may read the
 * other signals' persons): candidates share a blocking key, and a pair is suggested when linkage's
 * Fellegi-Sunter comparison says it matches, with the comparisons that decided it as reasons.
 */
export async function suggestPersonLinks(tx: AccessTx, signalId: string): Promise<number> {
  const mine = await tx.db
    .selectFrom('signal_persons')
    .select(['given_names', 'prefix', 'surname', 'date_of_birth', 'birth_year', 'gender', 'nationality'])
    .where('signal_id', '=', signalId)
    .execute();
  const people = mine.map(fromRow);
  const keys = [...new Set(people.flatMap(personKeys))];
  if (keys.length === 0) return 0;
  const candidates = await tx.db
    .selectFrom('signal_identifiers')
    .select('signal_id')
    .distinct()
    .where('kind', '=', 'person_key')
    .where('value', 'in', keys)
    .where('signal_id', '<>', signalId)
    .limit(MAX_CANDIDATES)
    .execute();
  if (candidates.length === 0) return 0;
  const others = await tx.db
    .selectFrom('signal_persons')
    .select([
      'signal_id',
      'given_names',
      'prefix',
      'surname',
      'date_of_birth',
      'birth_year',
      'gender',
      'nationality',
    ])
    .where(
      'signal_id',
      'in',
      candidates.map((c) => c.signal_id),
    )
    .execute();
  return storePersonLinks(tx, signalId, bestMatches(people, others));
}

function fromRow(row: {
  given_names: string | null;
  prefix: string | null;
  surname: string | null;
  date_of_birth: string | null;
  birth_year: number | null;
  gender: string | null;
  nationality: string | null;
}): MatchablePerson {
  return {
    givenNames: row.given_names,
    prefix: row.prefix,
    surname: row.surname,
    dateOfBirth: row.date_of_birth,
    birthYear: row.birth_year,
    gender: row.gender,
    nationality: row.nationality,
  };
}
