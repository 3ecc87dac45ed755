import type { SessionInfo } from './api.ts';

/**
 * What the logged-in user may do, as `GET /api/v1/auth/me` answers it (computed from the grants on the
 * server, src/access/abilities.ts). Menus, the start page and the purpose a page asks under come from here,
 * so the web app holds no copy of which role may do what under which purpose.
 */
export type Ability = SessionInfo['abilities'][number];
export type Resource = Ability['resource'];
export type Action = Ability['action'];

/** What a page or start-page card needs: an action on a resource, under one purpose or any. */
export interface Need {
  resource: Resource;
  action: Action;
  purpose?: string;
}

/** Whether the user (or, given `role`, that one of their roles) holds the need. */
export function can(session: Pick<SessionInfo, 'abilities'>, need: Need, role?: string): boolean {
  return session.abilities.some(
    (ability) =>
      ability.resource === need.resource &&
      ability.action === need.action &&
      ability.purposes.some(
        (p) =>
          (need.purpose === undefined || p.purpose === need.purpose) &&
          (role === undefined || (p.roles as readonly string[]).includes(role)),
      ),
  );
}

/** The purposes under which the user may do this, in the server's order (the order purposes are declared). */
export function purposesFor(
  session: Pick<SessionInfo, 'abilities'>,
  resource: Resource,
  action: Action,
): string[] {
  const ability = session.abilities.find((a) => a.resource === resource && a.action === action);
  return ability ? ability.purposes.map((p) => p.purpose) : [];
}

/** Whether one of the user's roles acts under this purpose at all (for modules announced before their grants). */
export function actsUnder(session: Pick<SessionInfo, 'abilities'>, purpose: string, role?: string): boolean {
  return session.abilities.some((ability) =>
    ability.purposes.some(
      (p) => p.purpose === purpose && (role === undefined || (p.roles as readonly string[]).includes(role)),
    ),
  );
}
