import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, say } from '../cli/io.ts';
import { ProductionSeedRefused, seedDemo } from './demo.ts';
import { currentMigration, MigrationError } from './migrate.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage:
    'npm run --silent ketenplein -- migrate\n  Past ontbrekende migraties toe / applies missing migrations (DATABASE_URL or KETENPLEIN_DATA_DIR).',
  async run(args, io, context) {
    parseFlags(args, { flags: {}, maxPositionals: 0 }, io);
    try {
      const store = await context.store();
      io.stdout(
        `${say(io, 'Database bijgewerkt tot', 'Database migrated to')} ${await currentMigration(store)}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof MigrationError) throw new CliError(error.message);
      throw error;
    }
  },
};

export const seedCommand: Command = {
  name: 'seed',
  usage:
    'npm run --silent ketenplein -- seed\n  Laadt demo-organisaties en -gebruikers in een lege database; geweigerd als NODE_ENV=production.',
  async run(args, io, context) {
    parseFlags(args, { flags: {}, maxPositionals: 0 }, io);
    try {
      const seeded = await seedDemo(await context.store());
      io.stdout(
        seeded
          ? say(io, 'Demowereld geladen.\n', 'Demo world loaded.\n')
          : say(
              io,
              'Database bevat al organisaties; niets gedaan.\n',
              'Database already has organisations; nothing done.\n',
            ),
      );
      return 0;
    } catch (error) {
      if (error instanceof ProductionSeedRefused) throw new CliError(error.message);
      throw error;
    }
  },
};
