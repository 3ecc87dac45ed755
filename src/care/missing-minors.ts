import { type AccessTx, NotFound } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { foldName } from '../linkage/index.ts';
import './tables.ts';

/**
 * Missing minors (issue 16, item 6). A youth care institution reports a minor who did not return from leave
 * or ran away; the report goes at once to the police unit of the institution's region, with what the police
 * needs for safety (description, risk factors, how often the minor was missing before). Earlier absences of
 * the same minor at the institution are recognised by a keyed fingerprint of name and date of birth and raise
 * the risk. The institution and the police add to one timeline; either reports the return.
 */

export const MISSING_KINDS = ['no_return_from_leave', 'ran_away'] as const;
export const MISSING_RISK_FACTORS = [
  'exploitation_suspected',
  'loverboy_contact',
  'medication',
  'under_12',
  'suicidal',
  'unknown_adults',
] as const;

export interface MissingInput {
  givenNames: string;
  surname: string;
  dateOfBirth: string;
  kind: (typeof MISSING_KINDS)[number];
  missingSince: string;
  description: string;
  riskFactors: string[];
}

const NOT_FOUND = 'Vermissing niet gevonden / Missing report not found';

/** The same minor, however the name is written (case, accents, spaces): a fingerprint, not the name. */
function minorKey(cipher: FieldCipher, input: MissingInput) {
  return cipher.fingerprint(
    `missing-minor:${foldName(input.givenNames)}|${foldName(input.surname)}|${input.dateOfBirth}`,
  );
}

/** Risk from the earlier absences and the risk factors: two or more earlier, or exploitation, is high. */
export function riskOf(earlier: number, factors: readonly string[]): 'normal' | 'raised' | 'high' {
  if (earlier >= 2 || factors.includes('exploitation_suspected') || factors.includes('loverboy_contact')) {
    return 'high';
  }
  return earlier === 1 || factors.length > 0 ? 'raised' : 'normal';
}

export async function reportMissing(tx: AccessTx, cipher: FieldCipher, input: MissingInput, now: Date) {
  const decision = await tx.authorize('create', 'missing_minor');
  const today = dutchDate(now);
  if (input.dateOfBirth > today) {
    throw invalidInput('dateOfBirth', label('Datum ligt in de toekomst', 'Date lies in the future'));
  }
  const [by, bm, bd] = input.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  if (age >= 18) {
    throw invalidInput(
      'dateOfBirth',
      label('Deze melding is voor minderjarigen (jonger dan 18)', 'This report is for minors (under 18)'),
    );
  }
  const since = new Date(input.missingSince);
  if (Number.isNaN(since.getTime()) || since > now) {
    throw invalidInput('missingSince', label('Tijdstip ligt in de toekomst', 'The time lies in the future'));
  }
  const own = await tx.db
    .selectFrom('organisations')
    .select(['region'])
    .where('id', '=', tx.actor.orgId)
    .executeTakeFirstOrThrow();
  const police = await tx.db
    .selectFrom('organisations')
    .select(['id'])
    .where('type', '=', 'police_unit')
    .where('region', '=', own.region ?? '')
    .executeTakeFirst();
  if (!police) {
    throw conflict(
      label(
        'Geen politie-eenheid bekend voor de regio van de instelling',
        "No police unit is known for the institution's region",
      ),
      'region',
      'no_police_unit',
    );
  }
  const key = minorKey(cipher, input);
  const earlier = await tx.db
    .selectFrom('missing_minors')
    .select(['id', 'state'])
    .where('org_id', '=', tx.actor.orgId)
    .where('minor_key', '=', key)
    .execute();
  if (earlier.some((row) => row.state === 'missing')) {
    throw conflict(
      label('Deze minderjarige staat al als vermist gemeld', 'This minor is already reported missing'),
      'surname',
      'already_missing',
    );
  }
  const risk = riskOf(earlier.length, input.riskFactors);
  const { id } = await tx.db
    .insertInto('missing_minors')
    .values({
      org_id: tx.actor.orgId,
      police_org_id: police.id,
      minor_key: key,
      given_names: input.givenNames,
      surname: input.surname,
      date_of_birth: input.dateOfBirth,
      kind: input.kind,
      missing_since: since,
      description: input.description,
      risk_factors: input.riskFactors,
      earlier_absences: earlier.length,
      risk,
      created_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('missing_minor_events')
    .values({
      report_id: id,
      org_id: tx.actor.orgId,
      police_org_id: police.id,
      author_org_id: tx.actor.orgId,
      kind: 'reported',
      note: null,
      created_by: tx.actor.userId,
    })
    .execute();
  tx.record(
    decision,
    [id],
    ['given_names', 'surname', 'date_of_birth', 'description', 'risk_factors', 'risk'],
  );
  return { id, risk, earlierAbsences: earlier.length };
}

/** The reports the actor's organisation made or received, each with its timeline. */
export async function listMissing(tx: AccessTx) {
  const decision = await tx.authorize('read', 'missing_minor');
  const rows = await tx.db
    .selectFrom('missing_minors as m')
    .innerJoin('organisations as i', 'i.id', 'm.org_id')
    .innerJoin('organisations as p', 'p.id', 'm.police_org_id')
    .select([
      'm.id',
      'm.org_id',
      'm.police_org_id',
      'm.given_names',
      'm.surname',
      'm.date_of_birth',
      'm.kind',
      'm.missing_since',
      'm.description',
      'm.risk_factors',
      'm.earlier_absences',
      'm.risk',
      'm.state',
      'm.returned_at',
      'm.created_at',
      'i.name as institution',
      'p.name as police',
    ])
    .where((eb) => decision.where(eb, 'm'))
    .orderBy('m.missing_since', 'desc')
    .limit(500)
    .execute();
  const ids = rows.map((row) => row.id);
  const events = ids.length
    ? await tx.db
        .selectFrom('missing_minor_events as e')
        .innerJoin('organisations as a', 'a.id', 'e.author_org_id')
        .select(['e.report_id', 'e.kind', 'e.note', 'e.at', 'a.name as author'])
        .where('e.report_id', 'in', ids)
        .orderBy('e.at')
        .execute()
    : [];
  return tx.disclose(
    decision,
    rows.map((row) => ({
      ...row,
      missing_since: row.missing_since.toISOString(),
      returned_at: row.returned_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      timeline: events
        .filter((event) => event.report_id === row.id)
        .map(({ report_id: _r, ...event }) => ({ ...event, at: event.at.toISOString() })),
    })),
  );
}

/** A timeline entry of either party: a sighting, a note, or the return (which ends the missing state). */
export async function addMissingEvent(
  tx: AccessTx,
  reportId: string,
  input: { kind: 'acknowledged' | 'sighting' | 'note' | 'returned'; note?: string },
  now: Date,
) {
  const decision = await tx.authorize('transition', 'missing_minor');
  const report = await tx.db
    .selectFrom('missing_minors')
    .select(['id', 'org_id', 'police_org_id', 'state'])
    .where('id', '=', reportId)
    .where((eb) => decision.where(eb, 'missing_minors'))
    .executeTakeFirst();
  if (!report) throw new NotFound(NOT_FOUND);
  if (report.state === 'returned') {
    throw conflict(
      label('De minderjarige is al terug gemeld', 'The minor has already been reported back'),
      'kind',
      'already_returned',
    );
  }
  if (input.kind === 'acknowledged') {
    // The acknowledgement is the police unit's: it tells the institution the police has the report.
    if (tx.actor.orgId !== report.police_org_id) {
      throw invalidInput(
        'kind',
        label(
          'Alleen de politie-eenheid bevestigt de ontvangst',
          'Only the police unit acknowledges receipt',
        ),
      );
    }
    const earlier = await tx.db
      .selectFrom('missing_minor_events')
      .select('id')
      .where('report_id', '=', reportId)
      .where('kind', '=', 'acknowledged')
      .executeTakeFirst();
    if (earlier) {
      throw conflict(
        label('De ontvangst is al bevestigd', 'Receipt has already been acknowledged'),
        'kind',
        'already_acknowledged',
      );
    }
  } else if (input.kind !== 'returned' && !input.note) {
    throw invalidInput('note', label('Schrijf wat er is gezien of gedaan', 'Write what was seen or done'));
  }
  await tx.db
    .insertInto('missing_minor_events')
    .values({
      report_id: reportId,
      org_id: report.org_id,
      police_org_id: report.police_org_id,
      author_org_id: tx.actor.orgId,
      kind: input.kind,
      note: input.note ?? null,
      created_by: tx.actor.userId,
    })
    .execute();
  if (input.kind === 'returned') {
    await tx.db
      .updateTable('missing_minors')
      .set({ state: 'returned', returned_at: now })
      .where('id', '=', reportId)
      .execute();
  }
  tx.record(
    decision,
    [reportId],
    input.kind === 'returned' ? ['timeline', 'state', 'returned_at'] : ['timeline'],
  );
  return { id: reportId, state: input.kind === 'returned' ? 'returned' : 'missing' };
}
