import { type AccessTx, NotFound } from '../access/context.ts';
import { InvalidInput } from '../access/users.ts';
import { personalDataHolders } from '../capabilities.ts';
import type { PersonalData } from '../capability.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Holding {
  name: string;
  personalData: PersonalData;
  ids: string[];
}

/**
 * Which capability holds each of these persons for one's own organisation (every capability with personal
 * data in the registry is asked). An id that none claims is named, as if it did not exist: another
 * organisation's person looks the same as a made-up id.
 */
export async function requireOwnPersons(tx: AccessTx, ids: readonly string[]): Promise<Holding[]> {
  ids.forEach((id, index) => {
    if (!UUID.test(id))
      throw new InvalidInput(`personIds.${index}: geen geldige id / not a valid id`, `personIds.${index}`);
  });
  const holdings = await holdingsOf(tx, ids);
  const found = new Set(holdings.flatMap((holding) => holding.ids));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    const error = new NotFound(`Persoon niet gevonden / Person not found (personIds.${missing})`);
    Object.assign(error, { field: `personIds.${missing}` });
    throw error;
  }
  return holdings;
}

/** The persons among `ids` each capability holds for one's own organisation; ids nobody holds are left out. */
export async function holdingsOf(tx: AccessTx, ids: readonly string[]): Promise<Holding[]> {
  if (ids.length === 0) return [];
  const holdings: Holding[] = [];
  for (const { name, personalData } of await personalDataHolders()) {
    const held = await personalData.held(tx, ids);
    if (held.length > 0) holdings.push({ name, personalData, ids: held });
  }
  return holdings;
}
