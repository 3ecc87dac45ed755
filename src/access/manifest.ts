import { defineCapability } from '../capability.ts';
import { foundationRules } from './grants.ts';

/** Login, organisations and users, the audit log and its daily checkpoint (tables in the store's 0001-0099). */
export const accessCapability = defineCapability({
  name: 'access',
  label: { nl: 'Toegang en audit', en: 'Access and audit' },
  grants: foundationRules,
  routes: [
    { prefix: '/api/v1/auth', load: async () => (await import('../server/routes/auth.ts')).authRoutes },
    { prefix: '/api/v1', load: async () => (await import('../server/routes/admin.ts')).adminRoutes },
    { prefix: '/api/v1/audit', load: async () => (await import('../server/routes/audit.ts')).auditRoutes },
  ],
  cli: {
    audit: {
      summary: { nl: 'Auditketen controleren', en: 'Check the audit chain' },
      load: async () => (await import('./cli.ts')).auditCommand,
    },
    user: {
      summary: {
        nl: 'Organisatie of gebruiker aanmaken (beheer)',
        en: 'Create an organisation or user (operations)',
      },
      load: async () => (await import('./cli.ts')).userCommand,
    },
  },
  schedules: {
    kinds: ['audit.checkpoint'],
    load: async () => [(await import('./audit-job.ts')).auditCheckpointJob],
  },
});
