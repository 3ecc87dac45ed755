import { defineCapability } from '../capability.ts';

/**
 * The foundation's storage: organisations, users, sessions, the audit log, jobs (migrations 0001-0099), the
 * health routes and the database commands.
 */
export const storeCapability = defineCapability({
  name: 'store',
  label: { nl: 'Opslag en beheer', en: 'Storage and operations' },
  migrations: { dir: new URL('./migrations/', import.meta.url), range: [1, 99] },
  routes: [{ load: async () => (await import('../server/routes/health.ts')).healthRoutes }],
  cli: {
    migrate: {
      summary: { nl: 'Database-migraties toepassen', en: 'Apply database migrations' },
      load: async () => (await import('./cli.ts')).migrateCommand,
    },
    seed: {
      summary: { nl: 'Demowereld laden (niet in productie)', en: 'Load the demo world (not in production)' },
      load: async () => (await import('./cli.ts')).seedCommand,
    },
    backup: {
      summary: { nl: 'Back-up van de database maken', en: 'Back up the database' },
      load: async () => (await import('./backup-cli.ts')).backupCommand,
    },
    restore: {
      summary: { nl: 'Database terugzetten uit een back-up', en: 'Restore the database from a backup' },
      load: async () => (await import('./backup-cli.ts')).restoreCommand,
    },
  },
});
