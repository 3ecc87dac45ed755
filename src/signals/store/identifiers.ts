import type { FieldCipher } from '../../access/secrets.ts';
import type { LinkKind } from '../ruleset.ts';
import type { SignalInput } from '../schema.ts';

export type IdentifierKind = 'phone' | 'email' | 'kvk' | 'plate' | 'url' | 'handle' | 'bsn' | 'person_key';

export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

/** How an identifier kind counts in triage ("telefoonnummer gezien in 2 eerdere meldingen"). */
export const LINK_KIND_OF: Record<IdentifierKind, LinkKind> = {
  phone: 'phone',
  email: 'email',
  kvk: 'kvk',
  plate: 'plate',
  url: 'url',
  handle: 'handle',
  bsn: 'person',
  person_key: 'person',
};

/**
 * The normalised identifiers of a signal, which linking looks up: E.164 phones, lower-case e-mail,
 * KvK numbers, plate keys with their country, URL keys, handles per platform, and a keyed
 * fingerprint of each BSN (the BSN itself is never stored in the clear).
 */
export function identifiersOf(signal: SignalInput, cipher: FieldCipher): Identifier[] {
  const found = new Map<string, Identifier>();
  const add = (kind: IdentifierKind, value: string) => found.set(`${kind}\u0000${value}`, { kind, value });
  for (const person of signal.persons) {
    for (const phone of person.phones) add('phone', phone);
    for (const email of person.emails) add('email', email);
    if (person.bsn) add('bsn', cipher.fingerprint(person.bsn));
  }
  for (const company of signal.companies) if (company.kvk) add('kvk', company.kvk);
  for (const vehicle of signal.vehicles) add('plate', `${vehicle.country}:${vehicle.plateKey}`);
  for (const url of signal.urls) add('url', url.key);
  for (const handle of signal.handles) add('handle', `${handle.platform}:${handle.handle}`);
  return [...found.values()];
}
