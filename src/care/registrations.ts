import { createHash } from 'node:crypto';
import { type AccessTx, NotFound } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { conflict, invalidInput, label } from '../domain/problem.ts';
import { familyOf, protect, smallCellThreshold } from '../domain/suppress.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { dedupeRegistry, RegistryEncoder, type RegistryEncoding } from '../linkage/index.ts';
import { ageOf, CLIENT_NOT_FOUND, type ExploitationPlace, requireConsent } from './clients.ts';
import './tables.ts';

/**
 * Registration of possible victims with CoMensha (issue 16, item 5). A care coordinator (from a client file,
 * with the client's consent) or a shelter registers a possible victim with the victim monitor's variables;
 * CoMensha's registrar records what other partners (police, inspectorate, …) report to it. Identity reaches
 * the server only to be encoded (src/linkage RegistryEncoder, keyed per installation) and is never stored:
 * CoMensha's registrar sees the variables and a pseudonymous person, and the yearly table counts a person
 * registered by two organisations once (dedupeRegistry), with small cells protected (src/domain/suppress.ts).
 */

export const EXPLOITED_IN = ['netherlands', 'abroad', 'both'] as const;
export const REGISTRATION_SEXES = ['female', 'male', 'x'] as const;
/** Organisation types that report possible victims to CoMensha (the monitor's "registering organisation"). */
export const REPORTING_ORG_TYPES = [
  'care_coordination',
  'shelter',
  'police_unit',
  'kmar',
  'labour_inspectorate',
  'municipality',
  'ngo',
  'youth_care',
  'public_prosecution',
  'other',
] as const;

export interface RegistrationInput {
  clientId?: string;
  reportingOrgType?: string;
  registeredOn: string;
  sex?: string;
  age?: number;
  ageEstimated?: boolean;
  nationality?: string;
  forms?: string[];
  exploitedIn?: string;
  identity?: {
    givenNames?: string;
    prefix?: string;
    surname?: string;
    dateOfBirth?: string;
    birthYear?: number;
  };
}

/** The installation's linkage key for the registry: derived from the data key, never stored or shown. */
export function registryEncoder(cipher: FieldCipher): RegistryEncoder {
  return new RegistryEncoder(Buffer.from(cipher.fingerprint('linkage:comensha-registry'), 'hex'));
}

const MISSING = label(
  'Verplichte variabele van de slachtoffermonitor ontbreekt',
  'A required variable of the victim monitor is missing',
);

function exploitedInOf(places: ExploitationPlace[]): string | undefined {
  const home = places.some((p) => p.municipalityCode);
  const abroad = places.some((p) => p.abroad);
  return home && abroad ? 'both' : home ? 'netherlands' : abroad ? 'abroad' : undefined;
}

/** Registers a possible victim; nothing is written unless every monitor variable is there and valid. */
export async function registerVictim(
  tx: AccessTx,
  encoder: RegistryEncoder,
  input: RegistrationInput,
  now: Date,
): Promise<{ id: string }> {
  // Who may register is asked first: a refused organisation learns nothing from the validation.
  const decision = await tx.authorize('create', 'victim_registration');
  const today = dutchDate(now);
  if (input.registeredOn > today) {
    throw invalidInput('registeredOn', label('Datum ligt in de toekomst', 'Date lies in the future'));
  }
  const registrar = tx.actor.orgType === 'comensha';
  let reportingOrgType = input.reportingOrgType;
  if (registrar) {
    if (!reportingOrgType) throw invalidInput('reportingOrgType', MISSING);
    if (input.clientId) {
      throw invalidInput(
        'clientId',
        label('CoMensha heeft geen cliëntdossiers', 'CoMensha holds no client files'),
      );
    }
  } else {
    if (reportingOrgType && reportingOrgType !== tx.actor.orgType) {
      throw invalidInput(
        'reportingOrgType',
        label(
          'Een partner registreert als de eigen organisatie',
          'A partner registers as its own organisation',
        ),
      );
    }
    reportingOrgType = tx.actor.orgType;
  }
  const filled = { ...input, identity: { ...input.identity } };
  if (input.clientId) {
    // From the client file: what the registration does not give is taken from it, after the consent check.
    const read = await tx.authorize('read', 'care_client');
    const client = await tx.db
      .selectFrom('care_clients')
      .selectAll()
      .where('id', '=', input.clientId)
      .where((eb) => read.where(eb, 'care_clients'))
      .executeTakeFirst();
    if (!client) throw new NotFound(CLIENT_NOT_FOUND);
    await requireConsent(tx, client.id, 'comensha_registration', input.registeredOn);
    const age = ageOf(client, input.registeredOn);
    filled.sex ??= client.gender && client.gender !== 'unknown' ? client.gender : undefined;
    filled.age ??= age ?? undefined;
    filled.ageEstimated ??= !client.date_of_birth && client.estimated_age !== null;
    filled.nationality ??= client.nationality ?? undefined;
    filled.forms ??= client.forms.filter((form) => form !== 'unknown');
    filled.exploitedIn ??= exploitedInOf((client.exploitation_places ?? []) as ExploitationPlace[]);
    filled.identity.givenNames ??= client.given_names ?? undefined;
    filled.identity.prefix ??= client.prefix ?? undefined;
    filled.identity.surname ??= client.surname ?? undefined;
    filled.identity.dateOfBirth ??= client.date_of_birth ?? undefined;
    if (!filled.identity.dateOfBirth && !filled.identity.birthYear && age !== null) {
      filled.identity.birthYear = Number(input.registeredOn.slice(0, 4)) - age;
    }
  }
  if (!filled.sex) throw invalidInput('sex', MISSING);
  if (filled.age === undefined) throw invalidInput('age', MISSING);
  if (!filled.nationality) throw invalidInput('nationality', MISSING);
  if (!/^[A-Z]{3}$/.test(filled.nationality)) {
    // As in the client file: ISO 3166-1 alpha-3 (the client file's nationality is checked the same way).
    throw invalidInput(
      'nationality',
      label('Landcode in drie letters (ISO 3166)', 'A three-letter country code (ISO 3166)'),
    );
  }
  if (!filled.forms || filled.forms.length === 0) throw invalidInput('forms', MISSING);
  if (!filled.exploitedIn) throw invalidInput('exploitedIn', MISSING);
  const identity = filled.identity;
  if (!identity.surname && !identity.givenNames) {
    throw invalidInput(
      'identity.surname',
      label(
        'Voor ontdubbeling is een naam nodig (wordt versleuteld, nooit bewaard)',
        'De-duplication needs a name (it is encoded, never stored)',
      ),
    );
  }
  if (identity.dateOfBirth && identity.dateOfBirth > today) {
    throw invalidInput('identity.dateOfBirth', label('Datum ligt in de toekomst', 'Date lies in the future'));
  }
  const encoding = encoder.encode({
    givenName: identity.givenNames,
    prefix: identity.prefix,
    familyName: identity.surname,
    dateOfBirth: identity.dateOfBirth ?? (identity.birthYear ? String(identity.birthYear) : undefined),
    gender: filled.sex === 'female' ? 'v' : filled.sex === 'male' ? 'm' : undefined,
  });
  if (input.clientId) {
    const earlier = await tx.db
      .selectFrom('victim_registrations')
      .select('id')
      .where('org_id', '=', tx.actor.orgId)
      .where('source_client_id', '=', input.clientId)
      .executeTakeFirst();
    if (earlier) {
      throw conflict(
        label(
          'Deze cliënt is al bij CoMensha geregistreerd',
          'This client is already registered with CoMensha',
        ),
        'clientId',
        'already_registered',
      );
    }
  }
  const row = {
    org_id: tx.actor.orgId,
    reporting_org_type: reportingOrgType,
    via_registrar: registrar,
    source_client_id: input.clientId ?? null,
    registered_on: input.registeredOn,
    sex: filled.sex,
    age: filled.age,
    age_estimated: filled.ageEstimated ?? false,
    minor: filled.age < 18,
    nationality: filled.nationality,
    forms: filled.forms,
    exploited_in: filled.exploitedIn,
    encoding: JSON.stringify(encoding),
    recorded_by: tx.actor.userId,
  };
  const { id } = await tx.db
    .insertInto('victim_registrations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.record(
    decision,
    input.clientId ? [id, input.clientId] : [id],
    Object.keys(row).filter((key) => key !== 'encoding' && key !== 'recorded_by'),
  );
  return { id };
}

const REGISTRATION_COLUMNS = [
  'id',
  'org_id',
  'reporting_org_type',
  'via_registrar',
  'source_client_id',
  'registered_on',
  'sex',
  'age',
  'age_estimated',
  'minor',
  'nationality',
  'forms',
  'exploited_in',
  'encoding',
  'created_at',
] as const;

/** A stored encoding (jsonb: an object on PostgreSQL, a string on some drivers), or null once erased. */
export function encodingOf(value: unknown): RegistryEncoding | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as RegistryEncoding;
}

/** A stable pseudonym of a person group: a hash of its first registration's id (no identity in it). */
function pseudonym(id: string): string {
  return `P-${createHash('sha256').update(`person:${id}`).digest('hex').slice(0, 10)}`;
}

/** One year's registrations with each one's person (the de-duplication of CoMensha). */
async function yearWithPersons(tx: AccessTx, decision: Parameters<typeof registrationsOf>[1], year: number) {
  const rows = await registrationsOf(tx, decision, year);
  // An erased registration (no encoding, 0304) links to nobody: it counts as a person of its own.
  const linked = rows.filter((row) => row.encoding !== null);
  const encodings = linked.map((row) => encodingOf(row.encoding) as RegistryEncoding);
  // A registration by a partner itself: one per person and organisation; CoMensha's own entries for others
  // may be two reports of one person, so they get no such guard.
  const sources = linked.map((row) => (row.via_registrar ? row.id : row.org_id));
  const { person } = dedupeRegistry(encodings, sources);
  const personOf = new Map(linked.map((row, i) => [row.id, linked[person[i] as number]?.id as string]));
  return rows.map((row) => ({ ...row, person: personOf.get(row.id) ?? row.id }));
}

async function registrationsOf(
  tx: AccessTx,
  decision: Awaited<ReturnType<AccessTx['authorize']>>,
  year: number,
) {
  // Ordered by date and id, so a group's first registration (its pseudonym) does not change.
  return tx.db
    .selectFrom('victim_registrations')
    .select(REGISTRATION_COLUMNS)
    .where('registered_on', '>=', `${year}-01-01`)
    .where('registered_on', '<=', `${year}-12-31`)
    .where((eb) => decision.where(eb, 'victim_registrations'))
    .orderBy('registered_on')
    .orderBy('id')
    .execute();
}

/** The registrations of a year: CoMensha sees all with a pseudonymous person; a partner its own. */
export async function listRegistrations(tx: AccessTx, year: number) {
  const decision = await tx.authorize('read', 'victim_registration');
  const rows = decision.fields.includes('person')
    ? (await yearWithPersons(tx, decision, year)).map((row) => ({ ...row, person: pseudonym(row.person) }))
    : await registrationsOf(tx, decision, year);
  const shown = rows.map(({ encoding: _never, org_id: _org, via_registrar: _via, ...row }) => ({
    ...row,
    created_at: row.created_at.toISOString(),
  }));
  return tx.disclose(decision, shown);
}

const FIGURE_VIEWS = [
  ['sex'],
  ['minor'],
  ['form'],
  ['exploited_in'],
  ['reporting_org_type'],
  ['nationality'],
] as const;

/**
 * The yearly table: persons (not registrations) by each monitor variable, a person counted once in the year
 * of its first registration there, with the variables of that registration; small cells suppressed.
 */
export async function registrationFigures(tx: AccessTx, year: number) {
  const decision = await tx.authorize('aggregate', 'victim_registration_figures');
  const rows = await yearWithPersons(tx, decision, year);
  const first = rows.filter((row) => row.person === row.id);
  const records = first.map((row) => ({
    dimensions: {
      sex: row.sex,
      minor: row.minor ? 'yes' : 'no',
      form: row.forms.length === 1 ? (row.forms[0] as string) : 'multiple',
      exploited_in: row.exploited_in,
      reporting_org_type: row.reporting_org_type,
      nationality: row.nationality,
    },
    count: 1,
  }));
  const threshold = smallCellThreshold();
  const table = protect(familyOf(records, FIGURE_VIEWS), threshold);
  tx.record(decision, [], ['year', 'persons', 'registrations']);
  const registrations = rows.length;
  return {
    year,
    registrations: registrations > 0 && registrations < threshold ? null : registrations,
    ...table,
  };
}
