import { ORG_TYPES, type OrgType, type Role } from './roles.ts';

/**
 * Which roles an organisation's own admin may hand out. A role has to fit the kind of organisation
 * (an investigator works at an investigation service, not at a municipality), and a role whose
 * rules reach every organisation's personal data is not the organisation's to give at all: the
 * platform administrator grants it (`ketenplein user create` / `user roles`, run by the operator).
 */

const INVESTIGATION: readonly OrgType[] = [
  'police_unit',
  'labour_inspectorate',
  'kmar',
  'public_prosecution',
];

export const ROLE_ORG_TYPES: Record<Role, readonly OrgType[]> = {
  intake: ORG_TYPES,
  // Chain-wide triage is done by the Informatieplein partners.
  triage: ['police_unit', 'labour_inspectorate', 'kmar'],
  investigator: INVESTIGATION,
  care_coordinator: ['care_coordination', 'shelter'],
  municipal_coordinator: ['municipality'],
  analyst: ORG_TYPES.filter((type) => type !== 'school'),
  privacy_officer: ORG_TYPES,
  admin: ORG_TYPES,
  consultation_chair: ['riec', 'zorg_veiligheidshuis'],
  provider_intake: ['shelter'],
  registrar: ['comensha'],
  youth_care_worker: ['youth_care'],
  programme_manager: ['ministry'],
  visa_officer: ['foreign_affairs'],
  feed_publisher: ['labour_inspectorate', 'fiu'],
};

/**
 * Roles whose rules disclose personal data of every organisation (scope `chain` with fields; see
 * src/signals/grants.ts). Checked against the rules in test/security/role-escalation.test.ts.
 */
export const CHAIN_WIDE_ROLES: readonly Role[] = ['triage'];

export class RoleGrantRefused extends Error {
  readonly statusCode = 403;
  readonly code = 'role_grant_refused';
  readonly field = 'roles';
}

/** The first role that does not fit the organisation type, or null. */
export function unfitRole(roles: readonly Role[], orgType: string): Role | null {
  return roles.find((role) => !(ROLE_ORG_TYPES[role] as readonly string[]).includes(orgType)) ?? null;
}

/**
 * Refuses what an organisation's admin may not do to a user's roles: give a role that does not fit
 * the organisation, give a chain-wide role, or change its own roles.
 */
export function checkRoleGrant(input: {
  actorId: string;
  targetId: string | null;
  orgType: string;
  before: readonly Role[];
  after: readonly Role[];
}): void {
  const { before, after } = input;
  const same = before.length === after.length && before.every((role) => after.includes(role));
  if (same) return;
  if (input.targetId === input.actorId) {
    throw new RoleGrantRefused(
      'U kunt uw eigen rollen niet wijzigen; vraag een andere beheerder / ' +
        'You cannot change your own roles; ask another administrator',
    );
  }
  const unfit = unfitRole(
    after.filter((role) => !before.includes(role)),
    input.orgType,
  );
  if (unfit) {
    throw new RoleGrantRefused(
      `De rol ${unfit} past niet bij een organisatie van het type ${input.orgType} / ` +
        `The role ${unfit} does not fit an organisation of type ${input.orgType}`,
    );
  }
  const chainWide = after.find((role) => CHAIN_WIDE_ROLES.includes(role) && !before.includes(role));
  if (chainWide) {
    throw new RoleGrantRefused(
      `De rol ${chainWide} geeft toegang tot gegevens van de hele keten; alleen de platformbeheerder kan die toekennen / ` +
        `The role ${chainWide} reaches data of the whole chain; only the platform administrator can grant it`,
    );
  }
}

/** How a role change reads in the audit log: before → after. */
export function roleChange(before: readonly Role[], after: readonly Role[]): string {
  return `roles: ${[...before].sort().join(',') || '-'} -> ${[...after].sort().join(',') || '-'}`;
}
