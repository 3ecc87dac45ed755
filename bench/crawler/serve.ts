/**
 * Serves the synthetic ad site on 127.0.0.1 for trying the crawler by hand, and writes its adapter.
 *
 *   node --import tsx bench/crawler/serve.ts [--ads 300] [--seed 42] [--crawl-delay 0.2] [--traps] [--adapter-out synthetic-adapter.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from '../../src/cli/io.ts';
import { generateAds } from './generator.ts';
import { startSite, syntheticAdapter } from './site.ts';

const { flags } = parseArgs(process.argv.slice(2), ['traps']);
const seed = Number(flags.get('seed') ?? 42);
const site = await startSite({
  seed,
  ads: generateAds({ seed, ads: Number(flags.get('ads') ?? 300) }),
  perPage: 25,
  crawlDelay: Number(flags.get('crawl-delay') ?? 0.2),
  traps: Boolean(flags.get('traps')),
});
const out = String(flags.get('adapter-out') ?? 'synthetic-adapter.json');
writeFileSync(out, `${JSON.stringify(syntheticAdapter(site.baseUrl), null, 2)}\n`);
console.log(`synthetic site at ${site.baseUrl}; adapter written to ${out}; Ctrl-C stops`);
process.once('SIGINT', () => site.close().then(() => process.exit(0)));
