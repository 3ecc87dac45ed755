import { defineCapability } from '../capability.ts';
import { monitorRules } from './grants.ts';

/** The programme monitor and the municipal approach (issue 17): indicators, suppressed aggregates, self-assessment. */
export const monitorCapability = defineCapability({
  name: 'monitor',
  label: { nl: 'Programmamonitor', en: 'Programme monitor' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [700, 799] },
  grants: monitorRules,
  routes: [
    { prefix: '/api/v1/monitor', load: async () => (await import('./http.ts')).monitorRoutes },
    { prefix: '/api/v1/monitor', load: async () => (await import('./http-register.ts')).registerRoutes },
  ],
  schedules: {
    kinds: ['monitor.aggregate'],
    load: async () => [(await import('./jobs.ts')).monitorAggregateJob],
  },
});
