/**
 * Writes synthetic ads as `ads cluster` input (JSON lines) and their truth, to run the CLI on.
 *
 *   node --import tsx bench/crawler/make-jsonl.ts --ads 100000 --out ads.jsonl [--seed 42] [--broken]
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from '../../src/cli/io.ts';
import { adStream } from './generator.ts';
import { toInputLine } from './scale-input.ts';

const { flags } = parseArgs(process.argv.slice(2), ['broken']);
const seed = Number(flags.get('seed') ?? 42);
const out = String(flags.get('out') ?? 'ads.jsonl');
const lines = createWriteStream(out);
const truth = createWriteStream(`${out}.truth.csv`);
truth.write('id,entity\n');
let n = 0;
for (const ad of adStream({ seed, ads: Number(flags.get('ads') ?? 10_000) })) {
  if (!lines.write(`${toInputLine(ad, seed)}\n`))
    await new Promise<void>((resolve) => lines.once('drain', () => resolve()));
  truth.write(`${ad.id},${ad.entity}\n`);
  if (flags.get('broken') && ++n === 3) lines.write('{"id": "broken", \n');
}
lines.end();
truth.end();
console.log(`wrote ${out} and ${out}.truth.csv`);
