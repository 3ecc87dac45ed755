/**
 * `pprl encode` and `pprl link`: privacy-preserving linkage of victim lists for the estimate.
 * The Node-only parts (files) live here; encoding and linking themselves are browser-safe.
 */
import { readFileSync } from 'node:fs';
import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { type Hardening, MIN_SECRET_BYTES } from './pprl/clk.ts';
import { encodeList, InputError } from './pprl/encodeList.ts';
import {
  captureCsv,
  captureRecordsCsv,
  DEFAULT_THRESHOLD,
  linkEncodedLists,
  linkEncodedListsParallel,
  type ParsedList,
  parseEncodedList,
} from './pprl/linkLists.ts';

const USAGE = `pprl encode --secret <file> --list <name> [--strata col,...] [--extra-fields col,...]
            [--salt <text>] [--hardening balance|xor-fold|none] [--lenient-dates] <persons.csv>
     > <name>.clk.jsonl
pprl link <a.clk.jsonl> <b.clk.jsonl> [...more] [--threshold ${DEFAULT_THRESHOLD}] [--target-precision 0.99]
          [--json | --records] [--qc --role privacy-officer]

encode: versleutelt een personenlijst lokaal tot Bloom-filters (CLK) met een geheime sleutel
        (bestand, minstens ${MIN_SECRET_BYTES} bytes, bij alle organisaties gelijk).
        Kolommen: id (niet versleuteld), given_name, prefix, family_name|surname, date_of_birth
        (YYYY-MM-DD, YYYYMMDD of DD-MM-YYYY), gender, place_of_birth. --strata: kolommen die
        onversleuteld meegaan (jaar, vorm, geslacht, leeftijdsgroep), alleen als het doel dat toestaat.
        --extra-fields: extra kolommen die mee versleuteld worden (bv. postcode); alle partijen gelijk.
link:   koppelt de lijsten (Fellegi-Sunter per segment; --threshold = minimale kans op een match)
        --target-precision P: de drempel gekozen uit het geschatte model, de laagste (niet onder
        --threshold, standaard dan 0.5) waarbij de verwachte precisie van de koppelingen P haalt.
        Drukt de tabel van vangstpatronen af, precies de invoer van "estimate <tabel.csv>":
        één 0/1-kolom per lijst in de gegeven volgorde, en count (strata opgeteld).
        --records: één regel per persoon met de strata-kolommen, voor
        "estimate <bestand> --lists a,b,... --by <strata>". --json: ook per stratum, en de
        door het model geschatte precisie en recall van de koppeling (invoer van estimate --linkage).
        Nooit scores of welke records gekoppeld zijn. Alleen een privacy officer mag met
        --qc --role privacy-officer de koppelingen (lijst, rijnummer, gelijkenis) op stderr zien.

encode: encodes a person list locally into Bloom filters (CLK) with a secret key file
        (at least ${MIN_SECRET_BYTES} bytes, the same at every organisation).
link:   links the lists (--target-precision P: the lowest threshold, not below --threshold,
        default then 0.5, at which the fitted model expects precision P) and prints the
        capture-pattern table, exactly the input of
        "estimate <table.csv>" (one 0/1 column per list in the order given, count; strata summed).
        --records: one row per person with the strata, for "estimate --lists ... --by ...".
        --json: also per stratum, and the linkage's precision and recall as estimated by the
        fitted model (never from the truth): the input of "estimate --linkage <link.json>".
        Never scores or record pairs, except --qc --role privacy-officer (pairs on stderr).`;

function readSecret(path: string | true | undefined, io: CliIO): Uint8Array {
  if (typeof path !== 'string')
    throw new CliError(say(io, '--secret <bestand> ontbreekt', '--secret <file> is missing'));
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliError(
      say(io, `--secret: bestand ${path} niet te lezen`, `--secret: cannot read file ${path}`),
    );
  }
  // A trailing newline from an editor is not part of the key.
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  bytes = bytes.subarray(0, end);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new CliError(
      say(
        io,
        `--secret: sleutel is ${bytes.length} bytes, minimaal ${MIN_SECRET_BYTES} nodig (bv. openssl rand -hex 32 > geheim.key)`,
        `--secret: key is ${bytes.length} bytes, at least ${MIN_SECRET_BYTES} needed (e.g. openssl rand -hex 32 > secret.key)`,
      ),
    );
  }
  return bytes;
}

function list(value: string | true | undefined): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function readText(path: string, io: CliIO): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliError(say(io, `bestand ${path} niet te lezen`, `cannot read file ${path}`));
  }
}

async function encode(args: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    args,
    {
      flags: {
        secret: 'string',
        list: 'string',
        strata: 'string',
        'extra-fields': 'string',
        salt: 'string',
        hardening: ['balance', 'xor-fold', 'none'],
        'lenient-dates': 'boolean',
      },
    },
    io,
  );
  const secret = readSecret(flags.get('secret'), io);
  const listName = flags.get('list');
  if (typeof listName !== 'string')
    throw new CliError(say(io, '--list <naam> ontbreekt', '--list <name> is missing'));
  if (positionals.length !== 1) {
    throw new CliError(say(io, 'geef precies één CSV-bestand', 'give exactly one CSV file'));
  }
  const hardening = (flags.get('hardening') ?? 'balance') as Hardening;
  if (!['balance', 'xor-fold', 'none'].includes(hardening)) {
    throw new CliError(`--hardening ${String(hardening)}: balance | xor-fold | none`);
  }
  const salt = flags.get('salt');
  const lines = encodeList(readText(positionals[0], io), secret, {
    list: listName,
    strata: list(flags.get('strata')),
    extraFields: list(flags.get('extra-fields')),
    lenientDates: flags.has('lenient-dates'),
    settings: { hardening, salt: typeof salt === 'string' ? salt : '' },
  });
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

const PARALLEL_FROM = 50_000;
/** The floor of a threshold chosen for --target-precision. */
const TARGET_FLOOR = 0.5;
const round = (x: number) => Math.round(x * 10_000) / 10_000;

async function link(args: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseFlags(
    args,
    {
      flags: {
        threshold: 'number',
        'target-precision': 'number',
        json: 'boolean',
        records: 'boolean',
        qc: 'boolean',
        role: 'string',
      },
    },
    io,
  );
  const target = flags.has('target-precision') ? Number(flags.get('target-precision')) : undefined;
  if (target !== undefined && !(target > 0 && target < 1))
    throw new CliError(
      say(
        io,
        `--target-precision ${target}: moet tussen 0 en 1 liggen (bijvoorbeeld 0.99)`,
        `--target-precision ${target}: must be between 0 and 1 (for example 0.99)`,
      ),
    );
  // With a precision target, --threshold is the floor the chosen threshold never goes below
  // (default 0.5: a pair less likely a match than not is never linked).
  const threshold = flags.has('threshold')
    ? Number(flags.get('threshold'))
    : target !== undefined
      ? TARGET_FLOOR
      : DEFAULT_THRESHOLD;
  const options = { threshold, ...(target !== undefined ? { targetPrecision: target } : {}) };
  const qc = flags.has('qc');
  if (qc && flags.get('role') !== 'privacy-officer') {
    throw new CliError(
      say(
        io,
        '--qc toont gekoppelde paren en is alleen voor de privacy officer: bevestig met --role privacy-officer',
        '--qc shows linked pairs and is for the privacy officer only: confirm with --role privacy-officer',
      ),
    );
  }
  const lists: ParsedList[] = positionals.map((path) => parseEncodedList(readText(path, io), path));
  // Worker threads pay off once the lists are large (starting one costs about half a second).
  const records = lists.reduce((n, l) => n + l.empty.length, 0);
  const outcome =
    records >= PARALLEL_FROM
      ? await linkEncodedListsParallel(lists, options)
      : linkEncodedLists(lists, options);
  if (flags.has('json')) {
    const table = outcome.table.map((row) => ({
      pattern: row.pattern,
      count: row.count,
      ...(row.stratum ? { stratum: row.stratum } : {}),
    }));
    const { precision, recall } = outcome.quality;
    // Estimated by the fitted model, never from the truth: the input of `estimate --linkage`.
    const linkage = {
      precision: round(precision),
      recall: round(recall),
      // The minimum match probability of the links: --threshold, or chosen for --target-precision.
      threshold: round(outcome.quality.threshold ?? threshold),
      source: 'fitted-model',
    };
    io.stdout(`${JSON.stringify({ lists: outcome.lists, table, clusters: outcome.clusters, linkage })}\n`);
  } else if (flags.has('records')) io.stdout(captureRecordsCsv(outcome));
  else io.stdout(captureCsv(outcome));
  if (qc) {
    io.stderr(
      `${say(io, 'KWALITEITSCONTROLE — vertrouwelijk, niet delen', 'QUALITY CONTROL — confidential, do not share')}\n`,
    );
    io.stderr('list_a,row_a,list_b,row_b,similarity\n');
    for (const p of outcome.qc)
      io.stderr(`${p.listA},${p.rowA},${p.listB},${p.rowB},${p.similarity.toFixed(4)}\n`);
  }
  return 0;
}

export const pprlCommand: Command = {
  name: 'pprl',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    try {
      if (sub === 'encode') return await encode(rest, io);
      if (sub === 'link') return await link(rest, io);
    } catch (error) {
      if (error instanceof InputError) throw new CliError(error.message);
      throw error;
    }
    throw new CliError(
      say(
        io,
        `onbekend subcommando "${sub ?? ''}": encode of link`,
        `unknown subcommand "${sub ?? ''}": encode or link`,
      ),
    );
  },
};
