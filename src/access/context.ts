import type { Kysely } from 'kysely';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { type AuditInput, appendAudit } from './audit.ts';
import { setScope } from './db-scope.ts';
import type { Resource } from './grant.ts';
import {
  AccessDenied,
  type Action,
  type Actor,
  checkPurpose,
  type Decision,
  decide,
  project,
} from './policy.ts';
import type { Purpose } from './roles.ts';

export class NotFound extends Error {
  readonly statusCode = 404;
  readonly code = 'not_found';
}

/**
 * A transaction opened for one actor and one purpose. Capabilities receive only this, never the
 * raw database: every query runs as the restricted role under row-level security, and every
 * decision and read lands in the audit chain when the transaction commits.
 */
export interface AccessTx {
  readonly actor: Actor;
  readonly purpose: Purpose;
  /** The database, as the restricted role, with RLS bound to the actor's organisation. */
  readonly db: Kysely<Database>;
  /** Asks the policy; throws AccessDenied (403) with the reason when no rule allows it. */
  authorize(action: Action, resource: Resource): Promise<Decision>;
  /** Strips fields the decision does not allow and records the read of these records. */
  disclose<T extends Record<string, unknown>>(
    decision: Decision,
    rows: readonly T[],
    idField?: keyof T,
  ): Partial<T>[];
  /** Records a change (or any other event) of these records and fields. */
  record(decision: Decision, recordIds: readonly string[], fields: readonly string[], reason?: string): void;
}

export interface AccessRequest {
  actor: Actor;
  purpose: string | undefined;
  /** The ids the request names (route parameters), recorded when the answer is "not found". */
  recordIds?: readonly string[];
}

export async function withAccess<T>(
  store: Store,
  request: AccessRequest,
  work: (tx: AccessTx) => Promise<T>,
): Promise<T> {
  const { actor } = request;
  let purpose: Purpose | undefined;
  // The last decision asked for, so a "not found" is recorded against the resource that was looked for.
  let asked: Decision | undefined;
  try {
    purpose = checkPurpose(actor, request.purpose);
    const chosen = purpose;
    // PostgreSQL's request connections sign the scope themselves (one round trip less, src/access/db-scope.ts).
    const signed = store.kind === 'postgres';
    // The request connections (login role that owns nothing on PostgreSQL), as the restricted role, with a
    // signed scope: src/access/db-scope.ts.
    return await store.requestDb.transaction().execute(async (trx) => {
      await setScope(trx, { orgId: actor.orgId, purpose: chosen, chain: false }, store.scopeKey, signed);
      const entries: AuditInput[] = [];
      let chainScope = false;
      const base = { userId: actor.userId, orgId: actor.orgId, purpose: chosen };
      const tx: AccessTx = {
        actor,
        purpose: chosen,
        db: trx,
        async authorize(action, resource) {
          const decision = decide(actor, chosen, resource, action);
          asked = decision;
          // RLS follows each decision: chain scope on for the queries of a chain-wide decision, off again for
          // the next decision that is not (never switched on for the rest of the transaction).
          if (decision.chain !== chainScope) {
            chainScope = decision.chain;
            await setScope(
              trx,
              { orgId: actor.orgId, purpose: chosen, chain: chainScope },
              store.scopeKey,
              signed,
            );
          }
          return decision;
        },
        disclose(decision, rows, idField = 'id') {
          const out = rows.map((row) => project(decision, row));
          if (rows.length > 0 && out.some((row) => Object.keys(row).length > 0)) {
            entries.push({
              ...base,
              role: decision.role,
              action: decision.action,
              resource: decision.resource,
              recordIds: rows.map((row) => String(row[idField])),
              fields: decision.fields.filter((field) => out.some((row) => field in row)),
              result: 'allowed',
            });
          }
          return out;
        },
        record(decision, recordIds, fields, reason) {
          entries.push({
            ...base,
            role: decision.role,
            action: decision.action,
            resource: decision.resource,
            recordIds,
            fields,
            result: 'allowed',
            reason: reason ?? null,
          });
        },
      };
      const result = await work(tx);
      await appendAudit(trx, entries);
      return result;
    });
  } catch (error) {
    if (error instanceof AccessDenied) {
      // The refused transaction rolled back; the refusal itself is still worth a record.
      await appendDenial(store, actor, purpose ?? request.purpose ?? null, error);
    } else if (error instanceof NotFound) {
      // Under RLS another organisation's id looks absent: a 404 on it is a probe worth recording (issue 10, Low).
      await appendNotFound(store, actor, purpose ?? null, asked, request.recordIds ?? []);
    }
    throw error;
  }
}

async function appendDenial(store: Store, actor: Actor, purpose: string | null, error: AccessDenied) {
  await store.db.transaction().execute((trx) =>
    appendAudit(trx, [
      {
        userId: actor.userId,
        orgId: actor.orgId,
        role: actor.roles.join(','),
        purpose,
        action: error.action ?? 'access',
        resource: error.resource ?? 'purpose',
        recordIds: [],
        fields: [],
        result: 'denied',
        reason: error.code,
      },
    ]),
  );
}

async function appendNotFound(
  store: Store,
  actor: Actor,
  purpose: string | null,
  asked: Decision | undefined,
  recordIds: readonly string[],
) {
  await store.db.transaction().execute((trx) =>
    appendAudit(trx, [
      {
        userId: actor.userId,
        orgId: actor.orgId,
        role: asked?.role ?? actor.roles.join(','),
        purpose,
        action: asked?.action ?? 'read',
        resource: asked?.resource ?? 'unknown',
        recordIds,
        fields: [],
        result: 'denied',
        reason: 'not_found',
      },
    ]),
  );
}

/**
 * Who the system is when it works on its own, named so the audit log says which job or command did it:
 * `system:<job>` for the job worker and the daily jobs (`system:retention`, `system:jobs`, `system:auth` for
 * the login machinery acting on a user's behalf), `cli:<command>` for the operator's command line.
 */
export type SystemActor = `system:${string}` | `cli:${string}`;

/** An audit entry of system work: its role is the system actor's name, its result "allowed" unless said. */
export type SystemAuditInput = Omit<AuditInput, 'role' | 'result'> & { result?: AuditInput['result'] };

export function isSystemActor(name: string): name is SystemActor {
  return /^(system|cli):[a-z][a-z0-9_.\- ]*$/.test(name);
}

/**
 * Work of the system itself (jobs, retention, login, CLI administration): as the owner, without a user's
 * grants, but under a named actor and still audited where it touches people; the entries commit with the
 * work. The one way such work reaches the database outside `withAccess`, except login and sessions, which run
 * as the request role in the signed authentication scope (src/access/auth-scope.ts, audited as `system:auth`).
 */
export async function withSystem<T>(
  store: Store,
  actor: SystemActor,
  work: (db: Kysely<Database>, audit: (entry: SystemAuditInput) => void) => Promise<T>,
): Promise<T> {
  if (!isSystemActor(actor)) throw new Error(`withSystem: "${actor}" is not a system actor name`);
  return store.db.transaction().execute(async (trx) => {
    const entries: AuditInput[] = [];
    const result = await work(trx, (entry) => entries.push({ result: 'allowed', ...entry, role: actor }));
    await appendAudit(trx, entries);
    return result;
  });
}

export { AccessDenied };
