import { allCommands } from '../capabilities.ts';
import type { Store } from '../store/connect.ts';
import type { CliContext } from './commands.ts';
import { CliError, type CliIO, processIO, say } from './io.ts';

export async function runCli(argv: string[], io: CliIO, injected?: Store): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp(io);
    return name ? 0 : 1;
  }
  const commands = allCommands();
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(`${say(io, `Onbekend commando: ${name}`, `Unknown command: ${name}`)}\n`);
    printHelp(io);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  let opened: Store | null = null;
  const context: CliContext = {
    store: async () => {
      if (injected) return injected;
      if (!opened) {
        // Loaded here, not at the top: `--help` and commands without a database never pay for the drivers.
        const [{ openStore }, { migrate }, { configureAuditTrust, loadAuditTrust }, { allMigrations }] =
          await Promise.all([
            import('../store/connect.ts'),
            import('../store/migrate.ts'),
            import('../access/audit-trust.ts'),
            import('../capabilities.ts'),
          ]);
        // The same audit key and checkpoint folder as the server on this data folder (or the env's).
        configureAuditTrust(loadAuditTrust(process.env, process.env.KETENPLEIN_DATA_DIR ?? './data'));
        const url = process.env.DATABASE_URL;
        opened = await openStore(
          url ? { databaseUrl: url } : { dataDir: process.env.KETENPLEIN_DATA_DIR ?? './data' },
        );
        await migrate(opened, await allMigrations());
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

function printHelp(io: CliIO): void {
  const lines = [
    say(
      io,
      'Gebruik: npm run --silent ketenplein -- <commando> [opties]',
      'Usage: npm run --silent ketenplein -- <command> [options]',
    ),
    '',
    say(io, 'Commando’s:', 'Commands:'),
  ];
  for (const [name, { summary }] of Object.entries(allCommands())) {
    lines.push(`  ${name.padEnd(12)} ${io.lang === 'en' ? summary.en : summary.nl}`);
  }
  lines.push('', say(io, 'Meer over een commando: <commando> --help', 'More on a command: <command> --help'));
  io.stdout(`${lines.join('\n')}\n`);
}

/** Runs the CLI as this process: arguments from argv, the exit code as the process's. */
export function runAsProcess(): void {
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

if (import.meta.url === `file://${process.argv[1]}`) runAsProcess();
