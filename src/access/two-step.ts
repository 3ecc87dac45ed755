import { isRole, ROLES, type Role } from './roles.ts';

/**
 * Two-step verification required per role (issue 19, item 12). By default every role that sees personal data
 * of persons (victims, suspects, reporters, colleagues); not the analyst (encoded lists and counts) or the
 * programme team (national aggregates). The feed publisher is in: the FIU's feed holds transactions of
 * persons. Set per deployment with KETENPLEIN_TOTP_REQUIRED_ROLES (comma-separated roles; `none` for none).
 */
export const TOTP_REQUIRED_BY_DEFAULT: readonly Role[] = [
  'intake',
  'triage',
  'investigator',
  'care_coordinator',
  'municipal_coordinator',
  'privacy_officer',
  'admin',
  'consultation_chair',
  'provider_intake',
  'registrar',
  'youth_care_worker',
  'visa_officer',
  'feed_publisher',
];

/** Reads KETENPLEIN_TOTP_REQUIRED_ROLES; an unknown role is refused at start, naming it. */
export function totpRequiredRolesFrom(raw: string | undefined): Role[] {
  if (raw === undefined || raw.trim() === '') return [...TOTP_REQUIRED_BY_DEFAULT];
  if (raw.trim() === 'none') return [];
  const roles = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = roles.find((role) => !isRole(role));
  if (unknown) {
    throw new Error(
      `KETENPLEIN_TOTP_REQUIRED_ROLES: unknown role "${unknown}" (known: ${ROLES.join(', ')}, or none)`,
    );
  }
  return roles as Role[];
}

/** Whether a user without a second factor must enrol one before anything else. */
export function needsTotpEnrolment(
  user: { roles: readonly Role[]; totpEnabled: boolean },
  required: readonly Role[],
): boolean {
  return !user.totpEnabled && user.roles.some((role) => required.includes(role));
}
