import type { Store } from '../store/connect.ts';
import type { CliIO } from './io.ts';

/** A CLI command: each capability contributes its own in `src/<capability>/cli.ts`. */
export interface Command {
  name: string;
  summary: { nl: string; en: string };
  usage: string;
  run: (args: string[], io: CliIO, context: CliContext) => Promise<number>;
}

/** What commands that need the database get: the store of the environment (or of a test). */
export interface CliContext {
  /** Opens (once) and migrates the database named by DATABASE_URL or KETENPLEIN_DATA_DIR. */
  store(): Promise<Store>;
}

/**
 * The registry, one line per command. Commands load lazily so `--help` and light
 * commands stay fast and a capability's dependencies load only when it is used.
 */
export const commands: Record<string, () => Promise<Command>> = {
  migrate: async () => (await import('../store/cli.ts')).migrateCommand,
  seed: async () => (await import('../store/cli.ts')).seedCommand,
  audit: async () => (await import('../access/cli.ts')).auditCommand,
  user: async () => (await import('../access/cli.ts')).userCommand,
  estimate: async () => (await import('../estimate/cli.ts')).estimateCommand,
  pprl: async () => (await import('../linkage/cli.ts')).pprlCommand,
  ads: async () => (await import('../crawler/cli.ts')).adsCommand,
  crawl: async () => (await import('../crawler/cli.ts')).crawlCommand,
  signals: async () => (await import('../signals/cli.ts')).command,
  privacy: async () => (await import('../privacy/cli.ts')).privacyCommand,
};
