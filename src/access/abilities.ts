import type { Action, Actor, Resource } from './grant.ts';
import { allGrants, rolesFor } from './policy.ts';
import { PURPOSES, type Purpose, type Role } from './roles.ts';

/**
 * What a user may do, for the web app's menus and start page (`GET /api/v1/auth/me`): per resource and
 * action, the purposes it may act under and, per purpose, which of the user's roles bring it. Computed from
 * the same grants and the same `rolesFor` as `decide()`, so the web app copies no role or purpose list and
 * never offers what the API would refuse. An ability says "on some rows": which rows and fields is still
 * decided per request.
 */
export interface Ability {
  resource: Resource;
  action: Action;
  purposes: { purpose: Purpose; roles: Role[] }[];
}

export function abilitiesOf(actor: Pick<Actor, 'roles' | 'orgType'>): Ability[] {
  const found = new Map<string, Map<Purpose, Set<Role>>>();
  const who: Actor = { userId: '', orgId: '', orgType: actor.orgType, roles: actor.roles };
  for (const grant of allGrants()) {
    // A deny grant takes rows away (a restricted person), never a whole action: it adds and removes nothing here.
    if (grant.effect === 'deny') continue;
    const purposes = grant.purposes === 'any' ? PURPOSES : grant.purposes;
    for (const purpose of purposes) {
      const roles = rolesFor(grant, who, purpose);
      if (roles.length === 0) continue;
      for (const action of grant.actions) {
        const key = `${grant.resource}\u0000${action}`;
        const byPurpose = found.get(key) ?? new Map<Purpose, Set<Role>>();
        found.set(key, byPurpose);
        const held = byPurpose.get(purpose) ?? new Set<Role>();
        byPurpose.set(purpose, held);
        for (const role of roles) held.add(role);
      }
    }
  }
  return [...found].map(([key, byPurpose]) => {
    const [resource, action] = key.split('\u0000') as [Resource, Action];
    return {
      resource,
      action,
      // In the order purposes and roles are declared (roles.ts), so the answer is stable.
      purposes: PURPOSES.filter((purpose) => byPurpose.has(purpose)).map((purpose) => ({
        purpose,
        roles: actor.roles.filter((role) => byPurpose.get(purpose)?.has(role)),
      })),
    };
  });
}
