import type { CliIO } from './io.ts';

/** A CLI command: each capability contributes its own in `src/<capability>/cli.ts`. */
export interface Command {
  name: string;
  summary: { nl: string; en: string };
  usage: string;
  run: (args: string[], io: CliIO) => Promise<number>;
}

/**
 * The registry, one line per command. Commands load lazily so `--help` and light
 * commands stay fast and a capability's dependencies load only when it is used.
 */
export const commands: Record<string, () => Promise<Command>> = {
  signals: async () => (await import('../signals/cli.ts')).command,
};
