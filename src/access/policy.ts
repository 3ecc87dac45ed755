import { capabilities } from '../capabilities.ts';
import { type Purpose, ROLE_PURPOSES, type Role } from './roles.ts';

/**
 * The policy engine: every read and write asks `decide` first. Rules are data, one list per
 * capability under ./rules, so a reader can see in one place who may do what, for which purpose,
 * on which rows and which fields, and on what legal basis.
 */
export type Action = 'read' | 'create' | 'update' | 'delete' | 'verify' | 'export' | (string & {});

/**
 * Which rows a rule opens:
 * - own_org: rows of the actor's organisation;
 * - chain: rows of every organisation (a chain-wide function such as central triage);
 * - shared: own rows plus rows explicitly shared with the actor's organisation;
 * - own_user: only rows the actor created.
 */
export type Scope = 'own_org' | 'chain' | 'shared' | 'own_user';

export interface Rule {
  resource: string;
  actions: readonly Action[];
  roles: readonly Role[] | 'any';
  purposes: readonly Purpose[] | 'any';
  scope: Scope;
  /** The fields this rule lets the actor see or change; anything else is stripped. */
  fields: readonly string[];
  legalBasis: string;
  /** Narrows a rule to some organisation types (e.g. only police may investigate). */
  orgTypes?: readonly string[];
}

export interface Actor {
  userId: string;
  orgId: string;
  orgType: string;
  roles: readonly Role[];
}

export interface Decision {
  resource: string;
  action: Action;
  role: Role;
  scope: Scope;
  fields: readonly string[];
  legalBasis: string;
}

export class AccessDenied extends Error {
  readonly statusCode = 403;
  constructor(
    readonly code: 'purpose_required' | 'purpose_not_allowed' | 'not_permitted',
    message: string,
    readonly resource?: string,
    readonly action?: Action,
  ) {
    super(message);
  }
}

/**
 * Every capability's rules, from the registry (each manifest's `grants`, which it imports as data), so no
 * rule depends on which modules happen to be loaded and a new capability brings its own.
 */
const rules: readonly Rule[] = capabilities.flatMap((capability) => capability.grants ?? []);

export function allRules(): readonly Rule[] {
  return rules;
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

/** The broadest rule wins when several apply: chain beats shared beats own_org beats own_user. */
const SCOPE_RANK: Record<Scope, number> = { own_user: 0, own_org: 1, shared: 2, chain: 3 };

export function decide(actor: Actor, purpose: Purpose, resource: string, action: Action): Decision {
  let best: Decision | null = null;
  for (const rule of rules) {
    if (rule.resource !== resource || !rule.actions.includes(action)) continue;
    if (rule.purposes !== 'any' && !rule.purposes.includes(purpose)) continue;
    if (rule.orgTypes && !rule.orgTypes.includes(actor.orgType)) continue;
    const role = rule.roles === 'any' ? actor.roles[0] : actor.roles.find((r) => rule.roles.includes(r));
    if (!role || !ROLE_PURPOSES[role].includes(purpose)) continue;
    if (best && SCOPE_RANK[best.scope] > SCOPE_RANK[rule.scope]) continue;
    const fields: readonly string[] =
      best && best.scope === rule.scope ? [...new Set([...best.fields, ...rule.fields])] : rule.fields;
    best = { resource, action, role, scope: rule.scope, fields, legalBasis: rule.legalBasis };
  }
  if (!best) {
    throw new AccessDenied(
      'not_permitted',
      `Uw rol(len) ${actor.roles.join(', ')} mogen "${action}" op "${resource}" niet uitvoeren voor doel "${purpose}" / ` +
        `Your role(s) may not "${action}" "${resource}" for purpose "${purpose}"`,
      resource,
      action,
    );
  }
  return best;
}

/** Keeps only the fields a decision allows; what is not allowed never leaves the access layer. */
export function project<T extends Record<string, unknown>>(decision: Decision, row: T): Partial<T> {
  const out: Partial<T> = {};
  for (const field of decision.fields) {
    if (field in row) out[field as keyof T] = row[field as keyof T];
  }
  return out;
}
