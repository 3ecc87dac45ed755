import { defineCapability } from '../capability.ts';
import { estimateRules } from './grants.ts';

/** Multiple systems estimation: stored estimates, estimation rounds, tables from registrations. */
export const estimateCapability = defineCapability({
  name: 'estimate',
  label: { nl: 'Zicht op omvang', en: 'Estimating the hidden population' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [600, 699] },
  grants: estimateRules,
  routes: [
    {
      prefix: '/api/v1/estimates',
      load: async () => (await import('./app/http.ts')).estimateRoutes,
    },
    {
      prefix: '/api/v1/estimation-rounds',
      load: async () => (await import('./app/http.ts')).estimationRoundRoutes,
    },
  ],
  cli: {
    estimate: {
      summary: {
        nl: 'Schat het totaal aantal slachtoffers (gezien en ongezien) met meervoudige-systeemschatting',
        en: 'Estimate the total number of victims (seen and unseen) by multiple systems estimation',
      },
      load: async () => (await import('./cli.ts')).estimateCommand,
    },
  },
  jobs: {
    kinds: ['estimate.run', 'estimate.link-round'],
    load: async () => (await import('./app/jobs.ts')).estimateJobHandlers,
  },
});
