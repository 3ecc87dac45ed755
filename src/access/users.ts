import { randomBytes } from 'node:crypto';
import type { AccessTx } from './context.ts';
import { NotFound } from './context.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { checkRoleGrant, roleChange } from './role-grants.ts';
import type { Role } from './roles.ts';

/** User and organisation management, always through an access transaction. */

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
] as const;

export async function listOrganisations(tx: AccessTx) {
  const decision = await tx.authorize('read', 'organisation');
  const rows = await tx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'type', 'cbs_code', 'region'])
    .orderBy('name')
    .execute();
  return tx.disclose(decision, rows);
}

export async function getOrganisation(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'organisation');
  const row = await tx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'type', 'cbs_code', 'region'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound('Organisatie niet gevonden / Organisation not found');
  return tx.disclose(decision, [row])[0];
}

export async function updateOrganisation(
  tx: AccessTx,
  id: string,
  patch: { name?: string; region?: string | null },
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

/** Creates a user in the admin's own organisation; without a password one is generated and shown once. */
export async function createUser(tx: AccessTx, input: NewUser) {
  const decision = await tx.authorize('create', 'user');
  checkRoleGrant({
    actorId: tx.actor.userId,
    targetId: null,
    orgType: tx.actor.orgType,
    before: [],
    after: input.roles,
  });
  const password = input.password ?? randomBytes(12).toString('base64url');
  const problem = passwordProblem(password);
  if (problem) throw new InvalidInput(`Wachtwoord: ${problem}`, 'password');
  const taken = await tx.db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  // RLS hides other organisations' users, so a duplicate elsewhere surfaces as a unique violation below.
  if (taken) throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
  let id: string;
  try {
    const row = await tx.db
      .insertInto('users')
      .values({
        org_id: tx.actor.orgId,
        email: input.email,
        name: input.name,
        roles: input.roles,
        password_hash: await hashPassword(password),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new Conflict('E-mailadres is al in gebruik / E-mail address already in use', 'email');
    }
    throw error;
  }
  tx.record(decision, [id], ['email', 'name', 'roles', 'password_hash'], roleChange([], input.roles));
  const user = await getUser(tx, id);
  return { user, initialPassword: input.password ? undefined : password };
}

export async function updateUser(
  tx: AccessTx,
  id: string,
  patch: { name?: string; roles?: Role[]; disabled?: boolean; unlock?: boolean },
) {
  const decision = await tx.authorize('update', 'user');
  const existing = await tx.db
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!existing) throw new NotFound('Gebruiker niet gevonden / User not found');
  if (id === tx.actor.userId && patch.disabled) {
    throw new InvalidInput('U kunt uzelf niet uitschakelen / You cannot disable yourself', 'disabled');
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
  const { unlock, ...values } = patch;
  const set = { ...values, ...(unlock ? { locked_until: null, failed_logins: 0 } : {}) };
  if (Object.keys(set).length > 0) {
    await tx.db
      .updateTable('users')
      .set(set)
      .where('id', '=', id)
      .where((eb) => decision.where(eb))
      .execute();
    // A role change is recorded with what it was and what it became.
    tx.record(decision, [id], Object.keys(set), patch.roles ? roleChange(before, patch.roles) : undefined);
  }
  if (patch.disabled) await tx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
  return getUser(tx, id);
}
