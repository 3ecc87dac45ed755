import { openStore, type Store } from '../store/connect.ts';
import { migrate } from '../store/migrate.ts';
import { type CliContext, commands } from './commands.ts';
import { CliError, type CliIO, processIO, say } from './io.ts';

export async function runCli(argv: string[], io: CliIO, injected?: Store): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp(io);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`${say(io, `Onbekend commando: ${name}`, `Unknown command: ${name}`)}\n`);
    await printHelp(io);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  let opened: Store | null = null;
  const context: CliContext = {
    store: async () => {
      if (injected) return injected;
      if (!opened) {
        const url = process.env.DATABASE_URL;
        opened = await openStore(
          url ? { databaseUrl: url } : { dataDir: process.env.KETENPLEIN_DATA_DIR ?? './data' },
        );
        await migrate(opened);
      }
      return opened;
    },
  };
  try {
    return await command.run(rest, io, context);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${say(io, 'Fout', 'Error')}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    await (opened as Store | null)?.close();
  }
}

async function printHelp(io: CliIO): Promise<void> {
  const lines = [
    say(
      io,
      'Gebruik: npm run --silent ketenplein -- <commando> [opties]',
      'Usage: npm run --silent ketenplein -- <command> [options]',
    ),
    '',
    say(io, 'Commando’s:', 'Commands:'),
  ];
  for (const [name, load] of Object.entries(commands)) {
    const command = await load();
    lines.push(`  ${name.padEnd(12)} ${io.lang === 'en' ? command.summary.en : command.summary.nl}`);
  }
  lines.push('', say(io, 'Meer over een commando: <commando> --help', 'More on a command: <command> --help'));
  io.stdout(`${lines.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const io = processIO();
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr(
        `${say(io, 'Onverwachte fout', 'Unexpected error')}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
