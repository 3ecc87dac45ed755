import { defineCapability } from '../capability.ts';
import { privacyRules } from './grants.ts';

/**
 * Data-subject requests (register, search, inzage, restriction, erasure, rectification) and the daily
 * retention run, both over every capability's personal data (the registry's `personalData`). Its register
 * table is in the foundation (0010, with the purpose RLS reads); privacy migrations, once it needs one, take
 * 0800-0849 (declare `migrations` then).
 */
export const privacyCapability = defineCapability({
  name: 'privacy',
  label: { nl: 'Privacy (AVG)', en: 'Privacy (GDPR)' },
  grants: privacyRules,
  routes: [
    {
      prefix: '/api/v1/privacy',
      load: async () => (await import('./http.ts')).privacyRoutes,
    },
  ],
  cli: {
    privacy: {
      summary: {
        nl: 'Bewaartermijnen nu toepassen (alle persoonsgegevens)',
        en: 'Apply the retention periods now (all personal data)',
      },
      load: async () => (await import('./cli.ts')).privacyCommand,
    },
  },
  jobs: {
    // The kind before the retention ran over the registry: a run still queued under it runs once.
    kinds: ['privacy.signal_retention'],
    load: async () => (await import('./retention.ts')).legacyRetentionHandlers,
  },
  schedules: {
    kinds: ['privacy.retention'],
    load: async () => [(await import('./retention.ts')).retentionJob],
  },
});
