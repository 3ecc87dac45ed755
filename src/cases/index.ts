/**
 * Cases' published interface: what other capabilities (care, the casusoverleg) may use. The import-boundary
 * check refuses any other path into src/cases from outside it.
 */
export { PROFILES, type Profile } from './grants.ts';
export { CASE_OUTCOMES, CASE_STATES, PERSON_ROLES } from './lifecycle.ts';
export { getCase } from './store/read.ts';
export { referralOverview, referralSharedParts } from './store/referrals.ts';
