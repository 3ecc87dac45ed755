import { z } from 'zod';
import { ROLES } from '../../access/roles.ts';
import { camelKeys, Timestamp, wire } from '../wire.ts';

/** The foundation's answers on the wire: organisations, users, the audit view. */

export const Organisation = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  cbsCode: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  contactMailbox: z.string().nullable().optional(),
  contactPhone: z.string().nullable().optional(),
});

export function toOrganisation(row: object) {
  return wire(Organisation, camelKeys(row));
}

export const User = z.strictObject({
  id: z.uuid().optional(),
  orgId: z.uuid().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  roles: z.array(z.enum(ROLES)).optional(),
  disabled: z.boolean().optional(),
  lockedUntil: Timestamp.nullable().optional(),
  totpEnabled: z.boolean().optional(),
  createdAt: Timestamp.optional(),
  mustChangePassword: z.boolean().optional(),
  lastLoginAt: Timestamp.nullable().optional(),
});

export function toUser(row: object) {
  return wire(User, camelKeys(row));
}

/** A one-time set-password link: e-mailed when SMTP is configured, otherwise shown once to pass on. */
export const AccountLink = z.strictObject({
  link: z.string().optional().describe('only when it was not e-mailed; shown once'),
  mailed: z.boolean(),
  expiresAt: Timestamp,
});

export const CreatedUser = z.strictObject({
  user: User,
  setPassword: AccountLink.describe('the new user sets the first password through this link'),
});

export const AuditEntry = z.strictObject({
  seq: z.string(),
  at: Timestamp.optional(),
  userId: z.uuid().nullable().optional(),
  /** The user's name and e-mail address (own organisation), so the log reads without looking ids up. */
  userName: z.string().nullable().optional(),
  userEmail: z.string().nullable().optional(),
  orgId: z.uuid().nullable().optional(),
  role: z.string().nullable().optional(),
  purpose: z.string().nullable().optional(),
  action: z.string().optional(),
  resource: z.string().optional(),
  recordIds: z.array(z.string()).optional(),
  fields: z.array(z.string()).optional(),
  result: z.string().optional(),
  reason: z.string().nullable().optional(),
  prevHash: z.string().optional(),
  hash: z.string().optional(),
});

export function toAuditEntry(row: object) {
  return wire(AuditEntry, camelKeys(row));
}

const Checkpoint = z.strictObject({ seq: z.string(), hash: z.string(), at: z.string(), mac: z.string() });
const Checkpoints = z.strictObject({
  compared: z.number().int(),
  latest: Checkpoint.nullable(),
  written: Checkpoint.nullable(),
  folder: z.string().nullable(),
});

export const AuditVerification = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    checked: z.number().int(),
    head: z.string(),
    legacyEntries: z.number().int(),
    checkpoints: Checkpoints,
  }),
  z.strictObject({
    ok: z.literal(false),
    checked: z.number().int(),
    brokenAt: z.string(),
    reason: z.string(),
    checkpoints: Checkpoints,
  }),
]);
