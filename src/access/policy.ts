import type { Expression, SqlBool } from 'kysely';
import { capabilities } from '../capabilities.ts';
import type { Label } from '../domain/label.ts';
import type { Action, Actor, AnyEb, Grant, Resource, RowContext } from './grant.ts';
import { type Purpose, ROLE_PURPOSES, type Role } from './roles.ts';

export type { Action, Actor, Grant, Resource } from './grant.ts';

/**
 * The policy engine: every read and write asks `decide` first. Grants are data, declared by each
 * capability's manifest, so a reader sees in one place who may do what, for which purpose, on which rows
 * and which fields, and on what legal basis (docs/access-matrix.md is generated from them).
 */
export interface Decision {
  resource: Resource;
  action: Action;
  purpose: Purpose;
  /** The actor's roles under which an allowing grant applies (recorded in the audit log). */
  role: string;
  roles: readonly Role[];
  /** Whether a query of this decision may see other organisations' rows (RLS chain scope, set per query). */
  chain: boolean;
  /** Every field any allowing grant opens (what a query may select); per row see `fieldsFor`. */
  fields: readonly string[];
  /** The fields any allowing grant lets the actor change. */
  writable: readonly string[];
  legalBasis: string;
  /** The allowing and the denying grants that apply to this actor, purpose, resource and action. */
  grants: readonly Grant[];
  denies: readonly Grant[];
  /** The rows the decision opens: any allowing grant's condition, and no denying grant's. */
  where(eb: AnyEb, alias?: string): Expression<SqlBool>;
  /** The fields of THIS row: the union over the allowing grants whose condition it meets; none if denied. */
  fieldsFor(row: Record<string, unknown>): readonly string[];
  /** Why this record may not be acted on (a deny grant or a grant's own check), or null when it may. */
  check(row: Record<string, unknown>): Label | null;
}

export class AccessDenied extends Error {
  readonly statusCode = 403;
  constructor(
    readonly code: 'purpose_required' | 'purpose_not_allowed' | 'not_permitted',
    message: string,
    readonly resource?: string,
    readonly action?: string,
  ) {
    super(message);
  }
}

/** Every capability's grants, from the registry, so a new capability brings its own. */
let grants: readonly Grant[] = capabilities.flatMap((capability) => capability.grants ?? []);

export function allGrants(): readonly Grant[] {
  return grants;
}

/** For tests of the engine: decide against these grants instead of the registry's. Returns the restore. */
export function useGrants(list: readonly Grant[]): () => void {
  const before = grants;
  grants = list;
  return () => {
    grants = before;
  };
}

export function allowedPurposes(actor: Pick<Actor, 'roles'>): Purpose[] {
  return [...new Set(actor.roles.flatMap((role) => ROLE_PURPOSES[role]))];
}

export function checkPurpose(actor: Actor, purpose: string | undefined): Purpose {
  if (!purpose) {
    throw new AccessDenied(
      'purpose_required',
      'Geen doel van verwerking opgegeven (header X-Ketenplein-Purpose) / No purpose of processing given',
    );
  }
  const allowed = allowedPurposes(actor);
  if (!allowed.includes(purpose as Purpose)) {
    throw new AccessDenied(
      'purpose_not_allowed',
      `Doel "${purpose}" is niet toegestaan voor uw rol(len) ${actor.roles.join(', ')}; toegestaan: ${allowed.join(', ') || 'geen'} / ` +
        `Purpose "${purpose}" is not allowed for your role(s)`,
    );
  }
  return purpose as Purpose;
}

/**
 * The roles of the actor under which this grant applies for this purpose. Each of the actor's roles is
 * checked on its own (a grant open to any role applies under every role that may act for the purpose, not
 * only under the first role the user happens to have).
 */
export function rolesFor(grant: Grant, actor: Actor, purpose: Purpose): Role[] {
  if (grant.purposes !== 'any' && !grant.purposes.includes(purpose)) return [];
  if (grant.orgTypes && !(grant.orgTypes as readonly string[]).includes(actor.orgType)) return [];
  return actor.roles.filter(
    (role) => (grant.roles === 'any' || grant.roles.includes(role)) && ROLE_PURPOSES[role].includes(purpose),
  );
}

function applies(grant: Grant, resource: Resource, action: Action): boolean {
  return grant.resource === resource && grant.actions.includes(action);
}

export function decide(actor: Actor, purpose: Purpose, resource: Resource, action: Action): Decision {
  const allow: Grant[] = [];
  const deny: Grant[] = [];
  const roles = new Set<Role>();
  for (const grant of grants) {
    if (!applies(grant, resource, action)) continue;
    const under = rolesFor(grant, actor, purpose);
    if (under.length === 0) continue;
    if (grant.effect === 'deny') {
      deny.push(grant);
    } else {
      allow.push(grant);
      for (const role of under) roles.add(role);
    }
  }
  if (allow.length === 0) {
    throw new AccessDenied(
      'not_permitted',
      `Uw rol(len) ${actor.roles.join(', ')} mogen "${action}" op "${resource}" niet uitvoeren voor doel "${purpose}" / ` +
        `Your role(s) may not "${action}" "${resource}" for purpose "${purpose}"`,
      resource,
      action,
    );
  }
  return decision(actor, purpose, resource, action, allow, deny, [...roles]);
}

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function decision(
  actor: Actor,
  purpose: Purpose,
  resource: Resource,
  action: Action,
  allow: readonly Grant[],
  deny: readonly Grant[],
  roles: readonly Role[],
): Decision {
  const context = (alias?: string): RowContext => ({
    actor,
    purpose,
    ref: (column) => (alias ? `${alias}.${column}` : column),
  });
  const bare = context();
  const denied = (row: Record<string, unknown>) => deny.find((grant) => grant.rows.test(row, bare));
  return {
    resource,
    action,
    purpose,
    role: roles.join(','),
    roles,
    chain: allow.some((grant) => grant.rows.chain === true),
    fields: union(allow.map((grant) => grant.fields)),
    writable: union(allow.map((grant) => grant.writable ?? [])),
    legalBasis: [...new Set(allow.map((grant) => grant.legalBasis))].join('; '),
    grants: allow,
    denies: deny,
    where(eb, alias) {
      const c = context(alias);
      const open = eb.or(allow.map((grant) => grant.rows.where(eb, c)));
      if (deny.length === 0) return open;
      return eb.and([open, ...deny.map((grant) => eb.not(grant.rows.where(eb, c)))]);
    },
    fieldsFor(row) {
      if (denied(row)) return [];
      // One allowing grant: the query's `where` already kept the row to its condition.
      if (allow.length === 1) return allow[0].fields;
      return union(allow.filter((grant) => grant.rows.test(row, bare)).map((grant) => grant.fields));
    },
    check(row) {
      const deniedBy = denied(row);
      if (deniedBy) return deniedBy.rows.label;
      // Unlike `fieldsFor`, always tested: a check is asked of a record no query's `where` has filtered yet.
      const meeting = allow.filter((grant) => grant.rows.test(row, bare));
      if (meeting.length === 0) {
        return { nl: 'geen toestemming voor deze rij', en: 'no grant opens this row' };
      }
      // One grant that opens the row without a failing check of its own is enough.
      let reason: Label | null = null;
      for (const grant of meeting) {
        const failed = grant.check?.(row, bare) ?? null;
        if (!failed) return null;
        reason = failed;
      }
      return reason;
    },
  };
}

/** Keeps only the fields the decision allows for this row; what is not allowed never leaves the access layer. */
export function project<T extends Record<string, unknown>>(decision: Decision, row: T): Partial<T> {
  const out: Partial<T> = {};
  for (const field of decision.fieldsFor(row)) {
    if (field in row) out[field as keyof T] = row[field as keyof T];
  }
  return out;
}
