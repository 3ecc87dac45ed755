import { type Kysely, sql } from 'kysely';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import type { AccessTx, SystemActor } from './context.ts';
import { NotFound, withSystem } from './context.ts';
import { likePattern, type PageParams, pageRows } from './paging.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { checkRoleGrant, roleChange, unfitRole } from './role-grants.ts';
import { ORG_TYPES, type OrgType, type Role } from './roles.ts';

/**
 * User and organisation management: through an access transaction for an organisation's admin (the API),
 * through `withSystem` under a named actor for the platform administrator (`ketenplein user …`). Both share
 * the checks and the writes below, and both are audited.
 */

export class InvalidInput extends Error {
  readonly statusCode = 400;
  readonly code = 'invalid_input';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class Conflict extends Error {
  readonly statusCode = 409;
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const userColumns = [
  'id',
  'org_id',
  'email',
  'name',
  'roles',
  'disabled',
  'locked_until',
  // The request role cannot read the TOTP secret (migration 0095); whether one is set is a generated column.
  'totp_enabled',
  'created_at',
  'must_change_password',
  'last_login_at',
] as const;

const orgColumns = ['id', 'name', 'type', 'cbs_code', 'region', 'contact_mailbox', 'contact_phone'] as const;

export async function listOrganisations(tx: AccessTx) {
  const decision = await tx.authorize('read', 'organisation');
  const rows = await tx.db
    .selectFrom('organisations')
    .select([...orgColumns])
    .orderBy('name')
    .execute();
  return tx.disclose(decision, rows);
}

export async function getOrganisation(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'organisation');
  const row = await tx.db
    .selectFrom('organisations')
    .select([...orgColumns])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound('Organisatie niet gevonden / Organisation not found');
  return tx.disclose(decision, [row])[0];
}

export async function updateOrganisation(
  tx: AccessTx,
  id: string,
  patch: {
    name?: string;
    region?: string | null;
    contact_mailbox?: string | null;
    contact_phone?: string | null;
  },
) {
  const decision = await tx.authorize('update', 'organisation');
  // Own organisation only (the grant's rows): a forged id of another organisation looks like a missing one.
  if (decision.check({ id })) throw new NotFound('Organisatie niet gevonden / Organisation not found');
  const fields = Object.keys(patch).filter((field) => decision.fields.includes(field));
  if (fields.length > 0) {
    await tx.db
      .updateTable('organisations')
      .set(patch)
      .where('id', '=', id)
      .where((eb) => decision.where(eb))
      .execute();
    tx.record(decision, [id], fields);
  }
  return getOrganisation(tx, id);
}

export async function listUsers(tx: AccessTx) {
  const decision = await tx.authorize('read', 'user');
  const rows = await tx.db
    .selectFrom('users')
    .select([...userColumns])
    .where((eb) => decision.where(eb))
    .orderBy('name')
    .execute();
  return tx.disclose(decision, rows);
}

export const USER_SORTS = ['name', 'email', 'created'] as const;
export type UserSort = (typeof USER_SORTS)[number];

/**
 * One page of one's own organisation's users (issue 19, item 10): `q` a part of the name or e-mail address,
 * filtered by role and status, counted and paged in SQL.
 */
export async function listUsersPage(
  tx: AccessTx,
  params: PageParams<UserSort> & { role?: Role; status?: 'active' | 'disabled' },
) {
  const decision = await tx.authorize('read', 'user');
  let query = tx.db.selectFrom('users').where((eb) => decision.where(eb));
  const search = params.q;
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (params.role) query = query.where(sql<boolean>`roles @> ARRAY[${params.role}]::text[]`);
  if (params.status) query = query.where('disabled', '=', params.status === 'disabled');
  const column = { name: 'name', email: 'email', created: 'created_at' } as const;
  const { rows, total } = await pageRows(query, params, (q) =>
    q
      .select([...userColumns])
      .orderBy(column[params.sort], params.dir)
      .orderBy('id'),
  );
  return { items: tx.disclose(decision, rows), total, page: params.page, pageSize: params.pageSize };
}

export async function getUser(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'user');
  const row = await tx.db
    .selectFrom('users')
    .select([...userColumns])
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!row) throw new NotFound('Gebruiker niet gevonden / User not found');
  return tx.disclose(decision, [row])[0];
}

export interface NewUser {
  email: string;
  name: string;
  roles: Role[];
  password?: string;
}

const NEW_USER_FIELDS = ['email', 'name', 'roles', 'password_hash'];

/**
 * The password hash of an account whose first password is still to be set through its link (issue 19,
 * item 12): no argon2id hash, so no password fits it.
 */
const NO_PASSWORD_YET = '!invite';

/**
 * The writes of a new user, shared by the API and the CLI: a free e-mail address and, when a password is
 * given, a good one. Without one the account waits for its set-password link.
 */
async function insertUser(
  db: Kysely<Database>,
  orgId: string,
  input: NewUser & { mustChangePassword?: boolean },
): Promise<string> {
  const problem = input.password === undefined ? null : passwordProblem(input.password);
  if (problem) throw new InvalidInput(`Wachtwoord: ${problem}`, 'password');
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  // RLS hides other organisations' users, so a duplicate elsewhere surfaces as a unique violation below.
  if (taken) throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
  try {
    const row = await db
      .insertInto('users')
      .values({
        org_id: orgId,
        email: input.email,
        name: input.name,
        roles: input.roles,
        password_hash: input.password === undefined ? NO_PASSWORD_YET : await hashPassword(input.password),
        must_change_password: input.mustChangePassword ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
    }
    throw error;
  }
}

/**
 * Creates a user in the admin's own organisation. No first password is made and shown: the route issues a
 * set-password link (src/access/account-links.ts). A password the admin chose (automation) must be changed
 * by the user at the first login, since someone else knew it.
 */
export async function createUser(tx: AccessTx, input: NewUser) {
  const decision = await tx.authorize('create', 'user');
  checkRoleGrant({
    actorId: tx.actor.userId,
    targetId: null,
    orgType: tx.actor.orgType,
    before: [],
    after: input.roles,
  });
  const id = await insertUser(tx.db, tx.actor.orgId, {
    ...input,
    mustChangePassword: input.password !== undefined,
  });
  tx.record(decision, [id], NEW_USER_FIELDS, roleChange([], input.roles));
  return getUser(tx, id);
}

/**
 * The user an admin issues a new link for (own organisation, by the grant's rows): the e-mail address it
 * goes to. Recorded as an update of the password; the link itself is issued in the authentication scope.
 */
export async function userForReset(tx: AccessTx, id: string) {
  const decision = await tx.authorize('update', 'user');
  const row = await tx.db
    .selectFrom('users')
    .select(['id', 'org_id', 'email', 'name', 'disabled'])
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!row) throw new NotFound('Gebruiker niet gevonden / User not found');
  if (row.id === tx.actor.userId) {
    throw new InvalidInput(
      'Uw eigen wachtwoord wijzigt u onder Mijn account / Change your own password under My account',
      'id',
    );
  }
  if (row.disabled) {
    throw new InvalidInput(
      'Het account is uitgeschakeld; zet het eerst weer aan / The account is disabled; enable it first',
      'disabled',
    );
  }
  tx.record(decision, [id], ['password_hash']);
  return { userId: row.id, orgId: row.org_id, email: row.email, name: row.name };
}

export async function updateUser(
  tx: AccessTx,
  id: string,
  patch: { name?: string; email?: string; roles?: Role[]; disabled?: boolean; unlock?: boolean },
) {
  const decision = await tx.authorize('update', 'user');
  const existing = await tx.db
    .selectFrom('users')
    .select(['id', 'roles', 'email'])
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!existing) throw new NotFound('Gebruiker niet gevonden / User not found');
  if (id === tx.actor.userId && patch.disabled) {
    throw new InvalidInput('U kunt uzelf niet uitschakelen / You cannot disable yourself', 'disabled');
  }
  // A login address is changed by another admin, never by its own session (a stolen session must not
  // take the account over); a change ends the user's sessions.
  const emailChanged =
    patch.email !== undefined && patch.email.toLowerCase() !== existing.email.toLowerCase();
  if (emailChanged && id === tx.actor.userId) {
    throw new InvalidInput(
      'Uw eigen e-mailadres wijzigt een andere beheerder / Another administrator changes your own e-mail address',
      'email',
    );
  }
  if (emailChanged) {
    const taken = await tx.db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', patch.email!.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
  }
  const before = existing.roles as Role[];
  if (patch.roles) {
    checkRoleGrant({
      actorId: tx.actor.userId,
      targetId: id,
      orgType: tx.actor.orgType,
      before,
      after: patch.roles,
    });
  }
  const { unlock, email, ...values } = patch;
  const set = {
    ...values,
    ...(emailChanged ? { email } : {}),
    ...(unlock ? { locked_until: null, failed_logins: 0 } : {}),
  };
  if (Object.keys(set).length > 0) {
    try {
      await tx.db
        .updateTable('users')
        .set(set)
        .where('id', '=', id)
        .where((eb) => decision.where(eb))
        .execute();
    } catch (error) {
      // Another organisation's user with that address is hidden by RLS: the unique index answers.
      if ((error as { code?: string }).code === '23505') {
        throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
      }
      throw error;
    }
    // A role change is recorded with what it was and what it became.
    tx.record(decision, [id], Object.keys(set), patch.roles ? roleChange(before, patch.roles) : undefined);
  }
  if (patch.disabled || emailChanged) await tx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
  return getUser(tx, id);
}

// --- The platform administrator (CLI): the same service, as a named system actor -----------------------

function refuseUnfit(roles: readonly Role[], orgType: string): void {
  const unfit = unfitRole(roles, orgType);
  if (unfit) {
    throw new InvalidInput(
      `De rol ${unfit} past niet bij een organisatie van het type ${orgType} / ` +
        `The role ${unfit} does not fit an organisation of type ${orgType}`,
      'roles',
    );
  }
}

/**
 * Creates an organisation (the platform administrator's bootstrap; an organisation's admin cannot), audited
 * under the system actor. A name that exists already is a conflict, not a second organisation.
 */
export async function createOrganisationAsSystem(
  store: Store,
  actor: SystemActor,
  input: { name: string; type: string; cbsCode?: string | null; region?: string | null },
): Promise<{ id: string }> {
  if (!(ORG_TYPES as readonly string[]).includes(input.type)) {
    throw new InvalidInput(`Onbekend organisatietype / Unknown organisation type "${input.type}"`, 'type');
  }
  if (!input.name.trim()) throw new InvalidInput('Naam ontbreekt / Name is missing', 'name');
  return withSystem(store, actor, async (db, audit) => {
    const existing = await db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing) throw new Conflict('Organisatie bestaat al / Organisation already exists', 'name');
    const { id } = await db
      .insertInto('organisations')
      .values({
        name: input.name,
        type: input.type as OrgType,
        cbs_code: input.cbsCode ?? null,
        region: input.region ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audit({
      userId: null,
      orgId: id,
      purpose: 'administration',
      action: 'create',
      resource: 'organisation',
      recordIds: [id],
      fields: ['name', 'type', 'cbs_code', 'region'],
    });
    return { id };
  });
}

/**
 * Creates a user in the named organisation: the same writes and password rule as an admin's `createUser`;
 * roles must fit the organisation, and chain-wide roles are the platform administrator's to give.
 */
export async function createUserAsSystem(
  store: Store,
  actor: SystemActor,
  input: NewUser & { organisation: string; password: string },
): Promise<{ id: string }> {
  return withSystem(store, actor, async (db, audit) => {
    const org = await db
      .selectFrom('organisations')
      .select(['id', 'type'])
      .where('name', '=', input.organisation)
      .executeTakeFirst();
    if (!org) {
      throw new InvalidInput(
        `Organisatie "${input.organisation}" bestaat niet / No organisation "${input.organisation}"`,
        'org',
      );
    }
    refuseUnfit(input.roles, org.type);
    const id = await insertUser(db, org.id, input);
    audit({
      userId: null,
      orgId: org.id,
      purpose: 'administration',
      action: 'create',
      resource: 'user',
      recordIds: [id],
      fields: NEW_USER_FIELDS,
      reason: roleChange([], input.roles),
    });
    return { id };
  });
}

/** The platform administrator's role change: the only way to a chain-wide role; fits the organisation. */
export async function setRolesAsSystem(
  store: Store,
  actor: SystemActor,
  input: { email: string; roles: Role[] },
): Promise<void> {
  await withSystem(store, actor, async (db, audit) => {
    const user = await db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.org_id')
      .select(['users.id', 'users.org_id', 'users.roles', 'organisations.type'])
      .where('users.email', '=', input.email)
      .executeTakeFirst();
    if (!user) throw new InvalidInput(`Geen gebruiker / No user ${input.email}`, 'email');
    refuseUnfit(input.roles, user.type);
    await db.updateTable('users').set({ roles: input.roles }).where('id', '=', user.id).execute();
    audit({
      userId: null,
      orgId: user.org_id,
      purpose: 'administration',
      action: 'update',
      resource: 'user',
      recordIds: [user.id],
      fields: ['roles'],
      reason: roleChange(user.roles as Role[], input.roles),
    });
  });
}
