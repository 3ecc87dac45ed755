import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, say } from '../cli/io.ts';
import { BackupError, type BackupTarget, backup, restore } from './backup.ts';

/** The database of the environment, as the server would open it (without opening it: the tools do). */
function targetOf(env: NodeJS.ProcessEnv): BackupTarget {
  return env.DATABASE_URL
    ? { databaseUrl: env.DATABASE_URL, schema: 'public' }
    : { dataDir: env.KETENPLEIN_DATA_DIR ?? './data' };
}

export const backupCommand: Command = {
  name: 'backup',
  usage: [
    'npm run --silent ketenplein -- backup --out FILE',
    '  PostgreSQL (DATABASE_URL): pg_dump in custom format. PGlite (KETENPLEIN_DATA_DIR): the data folder as .tar.gz;',
    '  stop the server first (PGlite serves one process). See README "Backup and restore".',
  ].join('\n'),
  async run(args, io) {
    const out = parseFlags(args, { flags: { out: 'string' }, maxPositionals: 0 }, io).flags.get('out');
    if (typeof out !== 'string' || !out) throw new CliError(say(io, '--out ontbreekt', '--out is missing'));
    try {
      await backup(targetOf(process.env), out);
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(error.message);
      throw error;
    }
    io.stdout(`${say(io, 'Back-up geschreven naar', 'Backup written to')} ${out}\n`);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: [
    'npm run --silent ketenplein -- restore FILE',
    '  Into an empty target only (an empty KETENPLEIN_DATA_DIR, or a database/schema without tables);',
    '  then check it: npm run --silent ketenplein -- audit verify',
  ].join('\n'),
  async run(args, io) {
    const [file] = parseFlags(args, { flags: {}, maxPositionals: 1 }, io).positionals;
    if (!file) throw new CliError(say(io, 'geef het back-upbestand op', 'name the backup file'));
    try {
      await restore(targetOf(process.env), file);
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(error.message);
      throw error;
    }
    io.stdout(`${say(io, 'Teruggezet uit', 'Restored from')} ${file}\n`);
    return 0;
  },
};
