import type { Label } from '../domain/label.ts';

/** Identifier kinds that can link a new signal to earlier ones. */
export const LINK_KINDS = ['phone', 'email', 'kvk', 'plate', 'url', 'handle', 'person'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** How a signal reached Ketenplein. */
export const CHANNELS = [
  'web_form',
  'api',
  'csv_import',
  'crawler',
  'hotline',
  'fiu',
  'school',
  'veilig_thuis',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const PERSON_ROLES = ['possible_victim', 'possible_suspect', 'witness', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const PERSON_ROLE_LABELS: Record<PersonRole, Label> = {
  possible_victim: { nl: 'Mogelijk slachtoffer', en: 'Possible victim' },
  possible_suspect: { nl: 'Mogelijke verdachte', en: 'Possible suspect' },
  witness: { nl: 'Getuige', en: 'Witness' },
  other: { nl: 'Anders', en: 'Other' },
};

export { GENDERS, type Gender } from '../domain/genders.ts';

export const HANDLE_PLATFORMS = [
  'instagram',
  'facebook',
  'tiktok',
  'snapchat',
  'telegram',
  'whatsapp',
  'signal',
  'x',
  'onlyfans',
  'other',
] as const;
export type HandlePlatform = (typeof HANDLE_PLATFORMS)[number];

/**
 * Age status derived from the date (or year) of birth at the moment the signal is about.
 * `possibly_minor` is a birth year that allows both, e.g. born in 2006 and observed in 2024.
 */
export type MinorStatus = 'minor' | 'possibly_minor' | 'adult' | 'unknown';
