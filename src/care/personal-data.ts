import { type AccessTx, withSystem } from '../access/context.ts';
import type { FoundPerson, PersonalData, Rectification, SubjectRightsContext } from '../capability.ts';
import { addMonths } from '../domain/calendar.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { careGrants } from './grants.ts';
import './tables.ts';

/**
 * Care's persons (the client file, `care_clients`) under the data-subject rights. Privacy reaches them
 * only through this object (the care manifest's `personalData`); the record is the client. Queries run
 * under the privacy officer's transaction: row-level security keeps them to the own organisation.
 */
const RETENTION_MONTHS = 60;
const IDENTITY = [
  'alias',
  'given_names',
  'prefix',
  'surname',
  'date_of_birth',
  'estimated_age',
  'gender',
  'nationality',
  'languages',
  'exploitation_places',
  'safety',
  'contact_channel',
] as const;

function own(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.db
    .selectFrom('care_clients')
    .selectAll()
    .where('org_id', '=', tx.actor.orgId)
    .where('id', 'in', [...ids])
    .execute();
}

function erased(row: {
  alias: string | null;
  surname: string | null;
  given_names: string | null;
  date_of_birth: string | null;
}) {
  return (
    row.alias === ERASED && row.surname === null && row.given_names === null && row.date_of_birth === null
  );
}

const ERASED = '[gewist / erased]';

async function openPlacements(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx.db
    .selectFrom('placement_requests')
    .select('client_id')
    .where('client_id', 'in', [...ids])
    .where('state', 'in', ['proposed', 'accepted', 'admitted'])
    .execute();
  return new Set(rows.map((row) => row.client_id));
}

/** Removes the identity of a client; placements stay as numbers (no name, no safe address). */
async function scrub(tx: AccessTx, ids: readonly string[]) {
  if (ids.length === 0) return;
  await tx.db
    .deleteFrom('care_safe_addresses')
    .where('client_id', 'in', [...ids])
    .execute();
  await tx.db
    .updateTable('care_clients')
    .set({
      alias: ERASED,
      given_names: null,
      prefix: null,
      surname: null,
      date_of_birth: null,
      estimated_age: null,
      nationality: null,
      languages: [],
      exploitation_places: JSON.stringify([]),
      safety: null,
      contact_channel: null,
    })
    .where('id', 'in', [...ids])
    .execute();
}

export const carePersonalData: PersonalData = {
  async find(tx, _context, query) {
    if ('bsn' in query) return { persons: [], otherHolders: [] };
    const rows = await tx.db
      .selectFrom('care_clients')
      .selectAll()
      .where('org_id', '=', tx.actor.orgId)
      .where((eb) => eb(eb.fn('lower', ['surname']), '=', query.surname.toLowerCase()))
      .where('date_of_birth', '=', query.dateOfBirth)
      .execute();
    const persons: FoundPerson[] = rows.map((row) => ({
      personId: row.id,
      holding: 'client',
      role: 'client',
      match: { by: 'name_and_date_of_birth', certainty: 'match' },
      data: {
        givenNames: row.given_names,
        prefix: row.prefix,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
      },
      restricted: row.restricted_at !== null,
    }));
    return { persons, otherHolders: [] };
  },
  async held(tx, ids) {
    return (await own(tx, ids)).map((row) => row.id);
  },
  async report(tx, _context, ids) {
    const rows = await own(tx, ids);
    const consents = rows.length
      ? await tx.db
          .selectFrom('care_consents')
          .selectAll()
          .where(
            'client_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const periods = rows.length
      ? await tx.db
          .selectFrom('reflection_periods')
          .selectAll()
          .where(
            'client_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const placements = rows.length
      ? await tx.db
          .selectFrom('placement_requests')
          .select([
            'id',
            'client_id',
            'state',
            'filed_at',
            'admitted_on',
            'discharged_on',
            'destination',
            'shelter_org_id',
          ])
          .where(
            'client_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
    const basis =
      careGrants.find((grant) => grant.resource === 'care_client' && grant.effect !== 'deny')?.legalBasis ??
      '';
    return rows.map((row) => ({
      personId: row.id,
      holding: 'client',
      role: 'client',
      fields: IDENTITY.filter((field) => {
        const value = row[field];
        return value !== null && !(Array.isArray(value) && value.length === 0);
      }),
      data: {
        alias: row.alias,
        givenNames: row.given_names,
        prefix: row.prefix,
        surname: row.surname,
        dateOfBirth: row.date_of_birth,
        estimatedAge: row.estimated_age,
        gender: row.gender,
        nationality: row.nationality,
        languages: row.languages,
        immigrationStatus: row.immigration_status,
        forms: row.forms,
        needs: row.needs,
        contactChannel: row.contact_channel,
        consents: consents
          .filter((c) => c.client_id === row.id)
          .map((c) => ({ scope: c.scope, givenOn: c.given_on, how: c.how, withdrawnOn: c.withdrawn_on })),
        reflectionPeriod: periods.find((p) => p.client_id === row.id) ?? null,
        // Where the client stays (the safe address) is not given in an answer that may travel by post.
        placements: placements
          .filter((p) => p.client_id === row.id)
          .map((p) => ({
            state: p.state,
            filedAt: p.filed_at.toISOString(),
            admittedOn: p.admitted_on,
            dischargedOn: p.discharged_on,
          })),
      },
      legalBasis: basis,
      retention: {
        until: null,
        rule: `${RETENTION_MONTHS} maanden na de laatste uitstroom / ${RETENTION_MONTHS} months after the last discharge`,
      },
      restricted: row.restricted_at !== null,
      erased: erased(row),
    }));
  },
  async restrict(tx, { decision, requestId }: SubjectRightsContext, ids, lift) {
    const done = (await own(tx, ids)).map((row) => row.id);
    if (done.length > 0) {
      await tx.db
        .updateTable('care_clients')
        .set({ restricted_at: lift ? null : new Date() })
        .where('id', 'in', done)
        .execute();
    }
    tx.record(decision, [requestId, ...done], ['restricted_at'], lift ? 'restriction_lifted' : 'art_18');
    return { done, refused: [] };
  },
  async erase(tx, { decision, requestId }, ids) {
    const rows = await own(tx, ids);
    const open = await openPlacements(
      tx,
      rows.map((row) => row.id),
    );
    const refused = rows
      .filter((row) => open.has(row.id))
      .map((row) => ({
        personId: row.id,
        legalGround:
          'Cliënt is geplaatst of een plaatsing loopt: eerst uitstroom (Wmo 2015, zorgplicht) / the client is placed or a placement is under way: discharge first',
      }));
    const done = rows.filter((row) => !open.has(row.id)).map((row) => row.id);
    await scrub(tx, done);
    tx.record(decision, [requestId, ...done], [...IDENTITY], 'art_17');
    for (const refusal of refused)
      tx.record(decision, [requestId, refusal.personId], [], `not erased: ${refusal.legalGround}`);
    return { done, refused };
  },
  async rectify(tx, { decision, requestId }, id, changes: Rectification) {
    const map: Record<string, unknown> = {
      given_names: changes.givenNames,
      prefix: changes.prefix,
      surname: changes.surname,
      alias: changes.alias,
      date_of_birth: changes.dateOfBirth,
      gender: changes.gender,
      nationality: changes.nationality,
    };
    const set = Object.fromEntries(Object.entries(map).filter(([, value]) => value !== undefined));
    const fields = Object.keys(set);
    if (fields.length > 0) await tx.db.updateTable('care_clients').set(set).where('id', '=', id).execute();
    tx.record(decision, [requestId, id], fields, 'art_16');
    return { fields };
  },
  async retention(store, { now = new Date(), months = RETENTION_MONTHS }) {
    // Clients whose last placement ended (or, without placements, whose file was opened) longer ago than the period.
    const cutoff = addMonths(dutchDate(now), -months);
    return withSystem(store, 'system:retention', async (db, audit) => {
      const rows = await db
        .selectFrom('care_clients as c')
        .select('c.id')
        .where('c.alias', 'is distinct from', ERASED)
        .where('c.created_at', '<', new Date(`${cutoff}T00:00:00Z`))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('placement_requests as r')
                .select('r.id')
                .whereRef('r.client_id', '=', 'c.id')
                .where((inner) =>
                  inner.or([inner('r.discharged_on', 'is', null), inner('r.discharged_on', '>=', cutoff)]),
                ),
            ),
          ),
        )
        .limit(500)
        .execute();
      const ids = rows.map((row) => row.id);
      if (ids.length > 0) {
        await db.deleteFrom('care_safe_addresses').where('client_id', 'in', ids).execute();
        await db
          .updateTable('care_clients')
          .set({
            alias: ERASED,
            given_names: null,
            prefix: null,
            surname: null,
            date_of_birth: null,
            estimated_age: null,
            nationality: null,
            languages: [],
            exploitation_places: JSON.stringify([]),
            safety: null,
            contact_channel: null,
          })
          .where('id', 'in', ids)
          .execute();
        audit({
          userId: null,
          orgId: null,
          purpose: null,
          action: 'erase',
          resource: 'care_client',
          recordIds: ids,
          fields: [...IDENTITY],
          result: 'allowed',
          reason: 'retention',
        });
      }
      return { records: ids };
    });
  },
};
