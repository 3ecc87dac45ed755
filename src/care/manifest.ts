import { defineCapability } from '../capability.ts';
import { careGrants, missingMinorGrants, registrationGrants, trajectoryGrants } from './grants.ts';

/** Care for victims: client file, consents, safe address, shelter capacity, placements, reflection period. */
export const careCapability = defineCapability({
  name: 'care',
  label: { nl: 'Zorg voor slachtoffers', en: 'Care for victims' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [300, 399] },
  grants: [...careGrants, ...registrationGrants, ...trajectoryGrants, ...missingMinorGrants],
  routes: [{ prefix: '/api/v1', load: async () => (await import('./http.ts')).careRoutes }],
  personalData: async () => (await import('./personal-data.ts')).carePersonalData,
});
