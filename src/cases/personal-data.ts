import { sql } from 'kysely';
import type { AccessTx } from '../access/context.ts';
import { withSystem } from '../access/context.ts';
import type { FoundPerson, PersonalData, Rectification } from '../capability.ts';
import './store/tables.ts';

/** Months a closed case's persons are kept (Archiefwet selectielijst; configurable). */
export function caseRetentionMonths(): number {
  const value = Number(process.env.KETENPLEIN_CASE_RETENTION_MONTHS ?? 60);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

/** The persons of cases one's own organisation leads (a recipient's copy is the lead's to answer for). */
function ownPersons(tx: AccessTx) {
  return tx.db
    .selectFrom('case_persons as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .where('c.lead_org_id', '=', tx.actor.orgId);
}

const COLUMNS = [
  'p.id',
  'p.case_id',
  'p.role',
  'p.given_names',
  'p.prefix',
  'p.surname',
  'p.alias',
  'p.date_of_birth',
  'p.gender',
  'p.nationality',
  'p.phones',
  'p.emails',
  'p.care_needs',
  'p.remark',
  'p.restricted_at',
  'p.erased_at',
  'c.reference',
  'c.state',
  'c.approaches',
] as const;

const norm = (value: string | null | undefined) => (value ?? '').trim().toLowerCase();

async function load(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ownPersons(tx)
    .select([...COLUMNS])
    .where('p.id', 'in', [...ids])
    .execute();
}

/** A case still open carries a duty to keep its file complete (Wpg art. 3/4; Archiefwet). */
function duty(person: { state: string; approaches: string[] }): string | null {
  if (person.state === 'closed') return null;
  return person.approaches.includes('criminal')
    ? 'Wpg art. 3 en 4: lopend opsporingsdossier / ongoing criminal case file'
    : 'AVG art. 17 lid 3 sub b/e: lopende zaak van de keten / ongoing chain case';
}

/** Case persons (`case_persons`) under the data-subject rights and the retention period. */
export const casePersonalData: PersonalData = {
  async find(tx, _context, query) {
    if ('bsn' in query) return { persons: [], otherHolders: [] };
    const rows = await ownPersons(tx)
      .select([...COLUMNS])
      .where('p.erased_at', 'is', null)
      .where('p.date_of_birth', '=', query.dateOfBirth)
      .where(sql<boolean>`lower(p.surname) = ${norm(query.surname)}`)
      .execute();
    const persons = rows
      .filter(
        (row) => !query.givenNames || norm(row.given_names).startsWith(norm(query.givenNames).slice(0, 1)),
      )
      .map(
        (row): FoundPerson => ({
          personId: row.id,
          record: row.reference,
          role: row.role,
          givenNames: row.given_names,
          surname: row.surname,
          dateOfBirth: row.date_of_birth,
          restricted: row.restricted_at !== null,
          certainty: 'match',
        }),
      );
    return { persons, otherHolders: [] };
  },
  async held(tx, ids) {
    return (await load(tx, ids)).map((row) => row.id);
  },
  async report(tx, _context, ids) {
    const rows = await load(tx, ids);
    const recipients = await tx.db
      .selectFrom('case_referrals as r')
      .innerJoin('organisations as o', 'o.id', 'r.to_org_id')
      .select(['r.case_id', 'o.name', 'r.profile', 'r.state'])
      .where(
        'r.case_id',
        'in',
        rows.length ? rows.map((r) => r.case_id) : ['00000000-0000-0000-0000-000000000000'],
      )
      .execute();
    return rows.map((row) => ({
      personId: row.id,
      capability: 'cases',
      record: row.reference,
      role: row.role,
      data: {
        givenNames: row.given_names,
        prefix: row.prefix,
        surname: row.surname,
        alias: row.alias,
        dateOfBirth: row.date_of_birth,
        gender: row.gender,
        nationality: row.nationality,
        phones: row.phones,
        emails: row.emails,
        careNeeds: row.care_needs,
        remark: row.remark,
      },
      legalBasis: row.approaches.includes('criminal')
        ? 'Wpg art. 8/13 (zaak van de keten)'
        : 'AVG art. 6(1)(e), Wmo 2015 / Gemeentewet (zaak van de keten)',
      retention: `${caseRetentionMonths()} maanden na sluiten van de zaak / months after the case is closed`,
      recipients: recipients
        .filter((r) => r.case_id === row.case_id && (r.profile !== 'care' || row.role === 'possible_victim'))
        .map((r) => ({ organisation: r.name, profile: r.profile, state: r.state })),
    }));
  },
  async restrict(tx, context, ids, lift) {
    const rows = (await load(tx, ids)).filter((row) => row.erased_at === null);
    const done = rows.map((row) => row.id);
    if (done.length > 0) {
      await tx.db
        .updateTable('case_persons')
        .set({ restricted_at: lift ? null : context.now })
        .where('id', 'in', done)
        .execute();
      tx.record(context.decision, done, ['restricted_at'], `request ${context.requestId}`);
    }
    return { done, refused: [] };
  },
  async erase(tx, context, ids) {
    const rows = await load(tx, ids);
    const refused = rows.flatMap((row) => {
      const ground = duty(row);
      return ground ? [{ personId: row.id, legalGround: ground }] : [];
    });
    const done = rows.filter((row) => !duty(row) && row.erased_at === null).map((row) => row.id);
    if (done.length > 0) {
      await erase(tx.db, done, context.now);
      tx.record(
        context.decision,
        done,
        ['given_names', 'surname', 'date_of_birth', 'phones', 'emails'],
        `request ${context.requestId}`,
      );
    }
    return { done, refused };
  },
  async rectify(tx, context, id, changes: Rectification) {
    const [row] = await load(tx, [id]);
    if (!row || row.erased_at !== null) return { fields: [] };
    const set: Record<string, unknown> = {};
    const map: Record<string, string> = {
      givenNames: 'given_names',
      prefix: 'prefix',
      surname: 'surname',
      alias: 'alias',
      dateOfBirth: 'date_of_birth',
      gender: 'gender',
      nationality: 'nationality',
      phones: 'phones',
      emails: 'emails',
    };
    for (const [key, column] of Object.entries(map)) {
      const value = changes[key as keyof Rectification];
      if (value !== undefined) set[column] = value;
    }
    const fields = Object.keys(set);
    if (fields.length > 0) {
      await tx.db.updateTable('case_persons').set(set).where('id', '=', id).execute();
      tx.record(context.decision, [id], fields, `request ${context.requestId}`);
    }
    return { fields };
  },
  async retention(store, { now = new Date(), months }) {
    const keep = months ?? caseRetentionMonths();
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - keep);
    return withSystem(store, 'system:retention', async (db, audit) => {
      const rows = await db
        .selectFrom('case_persons as p')
        .innerJoin('cases as c', 'c.id', 'p.case_id')
        .select(['p.id', 'p.case_id'])
        .where('c.state', '=', 'closed')
        .where('c.state_changed_at', '<', cutoff)
        .where('p.erased_at', 'is', null)
        .execute();
      if (rows.length > 0) {
        await erase(
          db,
          rows.map((r) => r.id),
          now,
        );
        audit({
          userId: null,
          orgId: null,
          purpose: null,
          action: 'erase',
          resource: 'case_person',
          recordIds: rows.map((r) => r.id),
          fields: ['given_names', 'surname', 'date_of_birth', 'phones', 'emails'],
          result: 'allowed',
          reason: `retention ${keep} months`,
        });
      }
      return { records: [...new Set(rows.map((r) => r.case_id))] };
    });
  },
};

// biome-ignore lint/suspicious/noExplicitAny: both the request transaction and the owner's take this update.
async function erase(db: any, ids: string[], now: Date) {
  await db
    .updateTable('case_persons')
    .set({
      given_names: null,
      prefix: null,
      surname: null,
      alias: null,
      date_of_birth: null,
      gender: null,
      nationality: null,
      phones: [],
      emails: [],
      care_needs: '',
      remark: '',
      erased_at: now,
    })
    .where('id', 'in', ids)
    .execute();
  await db.deleteFrom('case_identifiers').where('person_id', 'in', ids).execute();
}
