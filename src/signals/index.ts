/**
 * Signals' published interface: what other capabilities may use (the import-boundary check refuses any
 * other path into src/signals from outside it). Add here, deliberately, what another capability needs.
 */

export { checkXlsxLimits, type XlsxLimits } from './import/xlsx-limits.ts';
export { parseSignal } from './parse.ts';
export { SIGNAL_LIMITS, type SignalSubmission } from './schema.ts';
export { type SignalFact, signalFacts } from './store/aggregates.ts';
export { type CareReferral, careReferral } from './store/care-referral.ts';
export { submitSignal } from './store/index.ts';
export { acceptedSignalParties, type SignalParties } from './store/parties.ts';
export { type RegisteredVictim, registeredVictims } from './store/registrations.ts';
export { GENDERS, HANDLE_PLATFORMS, type HandlePlatform } from './vocabulary.ts';
export { Receipt } from './wire.ts';
