/**
 * What every CLI command receives: its streams and the user's language.
 * Commands write through this instead of process.* so tests can run them in-process.
 */
export type Lang = 'nl' | 'en';

export interface CliIO {
  lang: Lang;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal, so progress bars make sense. */
  interactive: boolean;
}

/** A command's failure with a message for the user; the CLI prints it and exits non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const raw = env.KETENPLEIN_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return raw.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

/** Picks the Dutch or English text; keeps both side by side where they are written. */
export function say(io: Pick<CliIO, 'lang'>, nl: string, en: string): string {
  return io.lang === 'en' ? en : nl;
}

export function processIO(): CliIO {
  return {
    lang: detectLang(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
  };
}

/**
 * Lenient flag parser for the benchmark scripts: `--flag value`, `--flag=value`, `--bool`, positionals.
 * Commands of the CLI use the strict `parseFlags` (src/cli/flags.ts), which refuses unknown flags.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags.set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const name = arg.slice(2);
      const next = args[i + 1];
      if (booleanFlags.includes(name) || next === undefined || next.startsWith('--')) {
        flags.set(name, true);
      } else {
        flags.set(name, next);
        i++;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, flags };
}
