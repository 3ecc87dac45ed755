import type { Store } from '../store/connect.ts';
import type { CliIO } from './io.ts';

/** A CLI command: each capability contributes its own in `src/<capability>/cli.ts`. */
export interface Command {
  name: string;
  usage: string;
  run: (args: string[], io: CliIO, context: CliContext) => Promise<number>;
}

/** What commands that need the database get: the store of the environment (or of a test). */
export interface CliContext {
  /** Opens (once) and migrates the database named by DATABASE_URL or KETENPLEIN_DATA_DIR. */
  store(): Promise<Store>;
}

/** One line of the registry: the summary `--help` prints, and the module that implements the command. */
export interface CommandEntry {
  summary: { nl: string; en: string };
  load: () => Promise<Command>;
}

/**
 * The registry, one entry per command. The summaries live here so `--help` imports no capability;
 * commands load lazily so a capability's dependencies load only when it is used.
 */
export const commands: Record<string, CommandEntry> = {
  migrate: {
    summary: { nl: 'Database-migraties toepassen', en: 'Apply database migrations' },
    load: async () => (await import('../store/cli.ts')).migrateCommand,
  },
  seed: {
    summary: { nl: 'Demowereld laden (niet in productie)', en: 'Load the demo world (not in production)' },
    load: async () => (await import('../store/cli.ts')).seedCommand,
  },
  backup: {
    summary: { nl: 'Back-up van de database maken', en: 'Back up the database' },
    load: async () => (await import('../store/backup-cli.ts')).backupCommand,
  },
  restore: {
    summary: { nl: 'Database terugzetten uit een back-up', en: 'Restore the database from a backup' },
    load: async () => (await import('../store/backup-cli.ts')).restoreCommand,
  },
  audit: {
    summary: { nl: 'Auditketen controleren', en: 'Check the audit chain' },
    load: async () => (await import('../access/cli.ts')).auditCommand,
  },
  user: {
    summary: {
      nl: 'Organisatie of gebruiker aanmaken (beheer)',
      en: 'Create an organisation or user (operations)',
    },
    load: async () => (await import('../access/cli.ts')).userCommand,
  },
  estimate: {
    summary: {
      nl: 'Schat het totaal aantal slachtoffers (gezien en ongezien) met meervoudige-systeemschatting',
      en: 'Estimate the total number of victims (seen and unseen) by multiple systems estimation',
    },
    load: async () => (await import('../estimate/cli.ts')).estimateCommand,
  },
  pprl: {
    summary: {
      nl: 'Privacy-beschermend koppelen van slachtofferlijsten (encode, link) voor de schatting',
      en: 'Privacy-preserving linkage of victim lists (encode, link) for the estimate',
    },
    load: async () => (await import('../linkage/cli.ts')).pprlCommand,
  },
  ads: {
    summary: {
      nl: 'Advertenties clusteren per exploitant, met bewijs per koppeling',
      en: 'Cluster ads by operator, with evidence per link',
    },
    load: async () => (await import('../crawler/cli.ts')).adsCommand,
  },
  crawl: {
    summary: {
      nl: 'Een site crawlen binnen een onderzoek (mandaat)',
      en: 'Crawl a site inside an investigation (mandate)',
    },
    load: async () => (await import('../crawler/cli.ts')).crawlCommand,
  },
  signals: {
    summary: {
      nl: 'Meldingen: sjabloon, importcontrole, triage',
      en: 'Signals: template, import check, triage',
    },
    load: async () => (await import('../signals/cli.ts')).command,
  },
  privacy: {
    summary: { nl: 'Bewaartermijn van meldingen nu toepassen', en: 'Apply the signal retention period now' },
    load: async () => (await import('../privacy/cli.ts')).privacyCommand,
  },
};
