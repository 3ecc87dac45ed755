import { defineCapability } from '../capability.ts';
import { feedsRules } from './grants.ts';

/** Partner feeds: the Inspectie SZW's Wav register, the visa desk's referent screening and FIU-Nederland's suspicious transactions (issue 18). */
export const feedsCapability = defineCapability({
  name: 'feeds',
  label: { nl: 'Partnerfeeds', en: 'Partner feeds' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [800, 899] },
  grants: feedsRules,
  routes: [
    { prefix: '/api/v1/feeds', load: async () => (await import('./http.ts')).feedsRoutes },
    { prefix: '/api/v1/feeds/fiu', load: async () => (await import('./fiu-http.ts')).fiuRoutes },
  ],
  cli: {
    screen: {
      summary: {
        nl: 'Referenten van visumaanvragen toetsen aan het Wav-register (treffer, mogelijk, geen)',
        en: 'Screen visa referents against the Wav register (hit, possible, none)',
      },
      load: async () => (await import('./cli.ts')).screenCommand,
    },
  },
});
