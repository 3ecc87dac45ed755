import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '../cli/commands.ts';
import { parseFlags } from '../cli/flags.ts';
import { CliError, type CliIO, say } from '../cli/io.ts';
import { parseAdLine } from './ad-input.ts';
import { type Cluster, Linker } from './linker.ts';

const ADS_USAGE = `ketenplein ads cluster --input <ads.jsonl> [--json]

Koppelt advertenties van één exploitant / links ads of one operator.
Invoer/input: één JSON-object per regel / one JSON object per line:
  {"id", "text", "title"?, "phones"?, "emails"?, "city"?, "posted_at"?, "image_hashes"?}
Uitvoer/output (--json): {"clusters": [{"id", "ads", "evidence": [{"a","b","kind","detail","score"}]}]}
Kapotte regels worden gemeld op stderr met regelnummer; de rest wordt verwerkt.
Broken lines are reported on stderr with their line number; the rest is processed.`;

const MAX_REPORTED = 50;

export const adsCommand: Command = {
  name: 'ads',
  usage: ADS_USAGE,
  run: async (args, io) => {
    const { positionals, flags } = parseFlags(
      args,
      { flags: { input: 'string', json: 'boolean' }, maxPositionals: 1 },
      io,
    );
    if (positionals[0] !== 'cluster') {
      throw new CliError(
        say(
          io,
          `onbekend subcommando "${positionals[0] ?? ''}"; gebruik: ads cluster`,
          `unknown subcommand "${positionals[0] ?? ''}"; use: ads cluster`,
        ),
      );
    }
    const input = flags.get('input');
    if (typeof input !== 'string')
      throw new CliError(say(io, '--input <bestand.jsonl> ontbreekt', '--input <file.jsonl> is missing'));
    const { clusters, problems } = await clusterFile(input, io);
    if (flags.get('json')) io.stdout(clustersJson(clusters));
    else printSummary(clusters, io);
    return problems > 0 && clusters.length === 0 ? 1 : 0;
  },
};

async function clusterFile(path: string, io: CliIO): Promise<{ clusters: Cluster[]; problems: number }> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new CliError(
      say(
        io,
        `kan ${path} niet lezen: ${(error as Error).message}`,
        `cannot read ${path}: ${(error as Error).message}`,
      ),
    );
  }
  const linker = new Linker();
  let lineNo = 0;
  let problems = 0;
  const report = (message: string) => {
    problems++;
    if (problems <= MAX_REPORTED) io.stderr(`${message}\n`);
  };
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    if (line.trim() === '') continue;
    const parsed = parseAdLine(line);
    const where = say(io, `regel ${lineNo}`, `line ${lineNo}`);
    if (parsed.error || !parsed.ad) {
      report(`${where}: ${say(io, 'overgeslagen', 'skipped')}: ${parsed.error}`);
      continue;
    }
    if (linker.has(parsed.ad.id)) {
      report(
        `${where}: ${say(io, 'overgeslagen', 'skipped')}: id: "${parsed.ad.id}" ${say(io, 'komt al eerder voor', 'appears earlier')}`,
      );
      continue;
    }
    for (const warning of parsed.warnings) report(`${where}: ${warning}`);
    linker.add(parsed.ad);
  }
  if (problems > MAX_REPORTED) {
    io.stderr(
      `${say(io, `… en nog ${problems - MAX_REPORTED} meldingen`, `… and ${problems - MAX_REPORTED} more problems`)}\n`,
    );
  }
  const { clusters, guarded } = linker.clusters();
  for (const note of guarded)
    io.stderr(`${say(io, 'let op', 'note')}: ${io.lang === 'en' ? note.reason.en : note.reason.nl}\n`);
  return { clusters, problems };
}

/** Written piecewise: a million ads make a JSON text too big to build with one stringify. */
function clustersJson(clusters: Cluster[]): string {
  const parts: string[] = [];
  for (const cluster of clusters) parts.push(JSON.stringify(cluster));
  return `{"clusters":[${parts.join(',')}]}\n`;
}

function printSummary(clusters: Cluster[], io: CliIO): void {
  const linked = clusters.filter((c) => c.ads.length > 1);
  const ads = clusters.reduce((n, c) => n + c.ads.length, 0);
  io.stdout(
    `${say(io, `${ads} advertenties in ${clusters.length} clusters; ${linked.length} met meer dan één advertentie`, `${ads} ads in ${clusters.length} clusters; ${linked.length} with more than one ad`)}\n`,
  );
  for (const cluster of linked.sort((a, b) => b.ads.length - a.ads.length).slice(0, 20)) {
    io.stdout(`  ${cluster.id}: ${cluster.ads.length} ${say(io, 'advertenties', 'ads')}\n`);
    for (const e of cluster.evidence.slice(0, 5))
      io.stdout(`    ${e.a} ↔ ${e.b}: ${e.detail} (${e.score})\n`);
  }
}

export { crawlCommand } from './crawl-cli.ts';
