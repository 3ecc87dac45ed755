import { CliError, type CliIO, type ParsedArgs, say } from './io.ts';

/**
 * What a flag takes: nothing (`boolean`), a text (`string`; `string?` may also stand alone, as
 * `--model` for main effects), a whole number, a number, or one of a list of values.
 */
export type FlagKind = 'boolean' | 'string' | 'string?' | 'int' | 'number' | readonly string[];

export interface FlagSpec {
  flags: Record<string, FlagKind>;
  /** At most this many positional arguments (default: any). */
  maxPositionals?: number;
}

/**
 * The strict parser every command uses: an unknown flag, a missing or malformed value, a value not in
 * the list, or one positional too many is refused with exit code 2, naming the flag and suggesting the
 * nearest known one ("bedoelt u --select?"), instead of being silently ignored. Numbers are checked for
 * their form here; their range stays with the command.
 */
export function parseFlags(args: readonly string[], spec: FlagSpec, io: Pick<CliIO, 'lang'>): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const known = Object.keys(spec.flags);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    const kind = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (kind === undefined || !arg.startsWith('--')) throw unknownFlag(arg.split('=')[0], known, io);
    if (flags.has(name)) {
      throw new CliError(say(io, `--${name} staat er twee keer`, `--${name} is given twice`));
    }
    if (kind === 'boolean') {
      if (inline !== undefined) {
        throw new CliError(say(io, `--${name} neemt geen waarde`, `--${name} takes no value`));
      }
      flags.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined && args[i + 1] !== undefined && !args[i + 1].startsWith('--')) value = args[++i];
    if (value === undefined) {
      if (kind === 'string?') {
        flags.set(name, true);
        continue;
      }
      throw new CliError(say(io, `--${name}: waarde ontbreekt`, `--${name}: value missing`));
    }
    checkValue(name, kind, value, io);
    flags.set(name, value);
  }
  if (spec.maxPositionals !== undefined && positionals.length > spec.maxPositionals) {
    const extra = positionals[spec.maxPositionals];
    throw new CliError(say(io, `onverwacht argument "${extra}"`, `unexpected argument "${extra}"`));
  }
  return { positionals, flags };
}

function checkValue(name: string, kind: FlagKind, value: string, io: Pick<CliIO, 'lang'>): void {
  if (kind === 'int' && !/^-?\d+$/.test(value.trim())) {
    throw new CliError(
      say(io, `--${name} ${value}: geen geheel getal`, `--${name} ${value}: not a whole number`),
    );
  }
  if (kind === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    // A Dutch decimal comma is the likely slip: say so.
    const hint = /^\d+,\d+$/.test(value) ? say(io, ' (gebruik een punt: 0.8)', ' (use a point: 0.8)') : '';
    throw new CliError(
      say(io, `--${name} ${value}: geen getal${hint}`, `--${name} ${value}: not a number${hint}`),
    );
  }
  if (Array.isArray(kind) && !kind.includes(value)) {
    const nearest = closest(value, kind);
    throw new CliError(
      `--${name} ${value}: ${say(io, 'kies uit', 'choose from')} ${kind.join(', ')}` +
        (nearest ? ` (${say(io, 'bedoelt u', 'did you mean')} ${nearest}?)` : ''),
    );
  }
}

function unknownFlag(given: string, known: string[], io: Pick<CliIO, 'lang'>): CliError {
  const nearest = closest(given.replace(/^--?/, ''), known);
  const hint = nearest
    ? say(io, `bedoelt u --${nearest}?`, `did you mean --${nearest}?`)
    : known.length > 0
      ? `${say(io, 'bekende opties', 'known options')}: ${known.map((flag) => `--${flag}`).join(', ')}`
      : say(io, 'dit commando kent geen opties', 'this command takes no options');
  return new CliError(say(io, `onbekende optie ${given}; ${hint}`, `unknown option ${given}; ${hint}`));
}

/** The candidate nearest to the input by edit distance (swaps count once), if near enough to be a slip. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(input.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
