/**
 * Operator linking measured on BOTH test-collection generators, one row per setting: pairwise
 * precision, recall and F1 against the generators' truth, with the same linker and the same
 * options for both (issue 13: no rule or threshold that only one generator needs).
 *
 *   node --import tsx bench/crawler/linking-bench.ts [--quick] [--markdown] [--options '{"textThreshold":0.5}']
 */
import { parseArgs } from '../../src/cli/io.ts';
import { parseAdLine } from '../../src/crawler/ad-input.ts';
import { type LinkAd, Linker, type LinkOptions } from '../../src/crawler/linker.ts';
import { linkAdOfB } from './b-input.ts';
import { generateAds } from './generator.ts';
import { DEFAULT_GENERATOR_B, type GeneratorBOptions, generateAdsB } from './generator-b.ts';
import { pairwiseScores } from './metrics.ts';
import { toInputLine } from './scale-input.ts';

const { flags } = parseArgs(process.argv.slice(2), ['quick', 'markdown']);
const options: Partial<LinkOptions> = flags.get('options') ? JSON.parse(String(flags.get('options'))) : {};

interface Row {
  generator: string;
  setting: string;
  ads: number;
  precision: number;
  recall: number;
  f1: number;
  cut: number;
  ms: number;
}

function measure(generator: string, setting: string, ads: LinkAd[], truth: Map<string, string>): Row {
  const start = performance.now();
  const linker = new Linker(options);
  for (const ad of ads) linker.add(ad);
  const { clusters, guarded } = linker.clusters();
  const ms = performance.now() - start;
  const s = pairwiseScores(
    clusters.map((c) => c.ads),
    truth,
  );
  return {
    generator,
    setting,
    ads: ads.length,
    precision: s.precision,
    recall: s.recall,
    f1: s.f1,
    cut: guarded.length,
    ms,
  };
}

function runA(setting: string, seed: number, ads: number, operatorShare: number): Row {
  const synth = generateAds({ seed, ads, operatorShare });
  const input = synth.map((ad) => parseAdLine(toInputLine(ad, seed)).ad!);
  return measure('A (generator.ts)', setting, input, new Map(synth.map((ad) => [ad.id, ad.entity])));
}

function runB(setting: string, change: Partial<GeneratorBOptions>): Row {
  const synth = generateAdsB(change);
  return measure(
    'B (generator-b.ts)',
    setting,
    synth.map(linkAdOfB),
    new Map(synth.map((ad) => [ad.id, ad.entity])),
  );
}

const quick = Boolean(flags.get('quick'));
const rows: Row[] = [];
const seeds = quick ? [42] : [42, 7];
for (const seed of seeds) {
  rows.push(runA(`seed ${seed}, 600 ads, operator share 0.5 (default)`, seed, 600, 0.5));
  if (!quick) {
    rows.push(runA(`seed ${seed}, 600 ads, operator share 0.2`, seed, 600, 0.2));
    rows.push(runA(`seed ${seed}, 600 ads, operator share 0.8`, seed, 600, 0.8));
    rows.push(runA(`seed ${seed}, 5000 ads, operator share 0.5`, seed, 5000, 0.5));
  }
}
const b: [string, Partial<GeneratorBOptions>][] = [
  ['defaults (80 operators, 400 independents)', {}],
  ['typo rate 0', { typoRate: 0 }],
  ['typo rate 0.08', { typoRate: 0.08 }],
  ['typo rate 0.15', { typoRate: 0.15 }],
  ['sentence drop 0', { dropRate: 0 }],
  ['sentence drop 0.5', { dropRate: 0.5 }],
  ['reorder 0', { reorderRate: 0 }],
  ['reorder 1 (every ad shuffled)', { reorderRate: 1 }],
  ['added sentences 0.8', { addRate: 0.8 }],
  ['reworded 0.4', { rewordRate: 0.4 }],
  ['mixed languages 0.4', { mixRate: 0.4 }],
  ['emoji/spacing noise 1', { noiseRate: 1 }],
  ['number shown in 100% of ads', { showNumber: 1 }],
  ['number shown in 60% of ads', { showNumber: 0.6 }],
  ['number shown in 30% of ads', { showNumber: 0.3 }],
  ['numbers as digits only', { numberStyles: ['digits'] }],
  ['numbers spelled out in Dutch words', { numberStyles: ['words-nl'] }],
  ['numbers spelled out in English words', { numberStyles: ['words-en'] }],
  ['numbers as Dutch pair words', { numberStyles: ['pairs-nl'] }],
  ['numbers as mixed words and digits', { numberStyles: ['mixed'] }],
  ['1 number per operator', { numbersPerOperator: [1, 1] }],
  ['3 numbers per operator, in turn', { numbersPerOperator: [3, 3] }],
  ['5 numbers per operator, no overlap', { numbersPerOperator: [5, 5], transitionRate: 0 }],
  ['no decoys', { decoys: 0 }],
  ['8 decoys in 40% of ads', { decoys: 8, decoyRate: 0.4 }],
  ['no independents', { independents: 0 }],
  ['1,500 independents', { independents: 1500 }],
  ['e-mail/handle for 60%', { contactRate: 0.6 }],
  ['seed 11', { seed: 11 }],
  [
    'seed 12, harsh: typo 0.08, drop 0.4, reorder 1, shown 0.7',
    { seed: 12, typoRate: 0.08, dropRate: 0.4, reorderRate: 1, showNumber: 0.7 },
  ],
];
for (const [setting, change] of quick ? b.slice(0, 6) : b) rows.push(runB(setting, change));

const fmt = (x: number) => x.toFixed(3);
if (flags.get('markdown')) {
  console.log('| generator | setting | ads | precision | recall | F1 | cut as shared | ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.generator} | ${r.setting} | ${r.ads} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.f1)} | ${r.cut} | ${Math.round(r.ms)} |`,
    );
} else {
  for (const r of rows)
    console.log(
      `${r.f1 >= 0.95 ? ' ' : '!'} ${r.generator.padEnd(18)} ${r.setting.padEnd(58)} n=${String(r.ads).padStart(5)} P ${fmt(r.precision)} R ${fmt(r.recall)} F1 ${fmt(r.f1)} cut ${r.cut} ${Math.round(r.ms)} ms`,
    );
}
const worst = rows.reduce((w, r) => (r.f1 < w.f1 ? r : w));
console.log(
  `\nworst F1 ${fmt(worst.f1)}: ${worst.generator}, ${worst.setting}; defaults of B: ${JSON.stringify({ ...DEFAULT_GENERATOR_B, numberStyles: 'all' })}`,
);
