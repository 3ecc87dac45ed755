/**
 * Referent screening (issue 18): 10,000 applications against 50,000 fined companies on two independent
 * generators with known truth. Precision and recall of "hit" (targets ≥ 0.98 / ≥ 0.95), the same with
 * "possible" counted as flagged, and the time to build the index and screen (target < 30 s).
 * The rules were tuned on generator A only; B is measured with the same rules.
 *
 *   node --import tsx bench/feeds/screen.ts [--generator a|b|both] [--set key=value,...] [--preset name|all]
 *     [--hit 0.86] [--possible 0.7] [--markdown]
 */
import { parseArgs } from '../../src/cli/io.ts';
import { DEFAULT_RULES, ScreeningIndex } from '../../src/feeds/match.ts';
import { DEFAULT_A, type GeneratedSet, type GeneratorASettings, generateA } from './generator-a.ts';
import { DEFAULT_B, type GeneratorBSettings, generateB } from './generator-b.ts';

const { flags } = parseArgs(process.argv.slice(2), ['markdown']);
const which = String(flags.get('generator') ?? 'both');
const rules = {
  hit: flags.has('hit') ? Number(flags.get('hit')) : DEFAULT_RULES.hit,
  possible: flags.has('possible') ? Number(flags.get('possible')) : DEFAULT_RULES.possible,
};

const PRESETS_A: Record<string, Partial<GeneratorASettings>> = {
  default: {},
  clean: { typo: 0, wordOrder: 0, moved: 0, tradeName: 0 },
  noKvk: { missingKvk: 1 },
  hard: { typo: 0.4, wordOrder: 0.4, moved: 0.3, missingKvk: 0.8, sibling: 0.6 },
  seed2: { seed: 2 },
};
const PRESETS_B: Record<string, Partial<GeneratorBSettings>> = {
  default: {},
  clean: { typos: 0, moved: 0, tradeName: 0, kvkTypo: 0 },
  noKvk: { missingKvk: 1 },
  hard: { typos: 0.8, moved: 0.4, missingKvk: 0.8, sibling: 0.7, kvkTypo: 0.05 },
  seed2: { seed: 8 },
};

function overrides(): Record<string, number> {
  const raw = flags.get('set');
  if (typeof raw !== 'string') return {};
  return Object.fromEntries(raw.split(',').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]));
}

interface Row {
  generator: string;
  setting: string;
  settings: string;
  precisionHit: number;
  recallHit: number;
  precisionFlag: number;
  recallFlag: number;
  hits: number;
  possibles: number;
  /** True referents with their KvK number or at their registered address: the most a hit rule can find. */
  identifiable: number;
  recallIdentifiable: number;
  buildS: number;
  screenS: number;
}

function measure(generator: string, setting: string, settings: object, set: GeneratedSet): Row {
  const t0 = performance.now();
  const index = new ScreeningIndex(set.register, rules);
  const t1 = performance.now();
  const results = set.applications.map((a) => index.screen(a));
  const t2 = performance.now();
  let truePositives = 0;
  let hits = 0;
  let flagged = 0;
  let flaggedRight = 0;
  let possibles = 0;
  let positives = 0;
  let identifiable = 0;
  let identifiedRight = 0;
  const registerById = new Map(set.register.map((e) => [e.id, e]));
  const applicationById = new Map(set.applications.map((a) => [a.id, a]));
  const squash = (v: string | undefined) => (v ?? '').replace(/[\s-]/g, '').toUpperCase();
  for (const r of results) {
    const truth = set.truth.get(r.id) ?? null;
    if (truth) {
      positives++;
      const e = registerById.get(truth);
      const a = applicationById.get(r.id);
      const byKvk = !!a?.kvk && a.kvk === e?.kvk;
      const byAddress =
        squash(a?.postcode) === squash(e?.postcode) && squash(a?.houseNumber) === squash(e?.houseNumber);
      if (byKvk || byAddress) {
        identifiable++;
        if (r.verdict === 'hit' && r.matches[0].registerId === truth) identifiedRight++;
      }
    }
    if (r.verdict === 'none') continue;
    const right = truth !== null && r.matches.some((m) => m.registerId === truth);
    flagged++;
    if (right) flaggedRight++;
    if (r.verdict === 'hit') {
      hits++;
      if (truth !== null && r.matches[0].registerId === truth) truePositives++;
    } else possibles++;
  }
  return {
    generator,
    setting,
    settings: JSON.stringify(settings),
    precisionHit: hits === 0 ? 1 : truePositives / hits,
    recallHit: positives === 0 ? 1 : truePositives / positives,
    precisionFlag: flagged === 0 ? 1 : flaggedRight / flagged,
    recallFlag: positives === 0 ? 1 : flaggedRight / positives,
    hits,
    possibles,
    identifiable: positives === 0 ? 1 : identifiable / positives,
    recallIdentifiable: identifiable === 0 ? 1 : identifiedRight / identifiable,
    buildS: (t1 - t0) / 1000,
    screenS: (t2 - t1) / 1000,
  };
}

const presetFlag = String(flags.get('preset') ?? 'default');
const rows: Row[] = [];
for (const gen of which === 'both' ? ['a', 'b'] : [which]) {
  const presets = gen === 'a' ? PRESETS_A : PRESETS_B;
  const names = presetFlag === 'all' ? Object.keys(presets) : [presetFlag];
  for (const name of names) {
    if (gen === 'a') {
      const settings = { ...DEFAULT_A, ...presets[name], ...overrides() } as GeneratorASettings;
      rows.push(measure('A', name, settings, generateA(settings)));
    } else {
      const settings = { ...DEFAULT_B, ...presets[name], ...overrides() } as GeneratorBSettings;
      rows.push(measure('B', name, settings, generateB(settings)));
    }
    const r = rows[rows.length - 1];
    console.error(
      `${r.generator}/${r.setting}: hit P ${r.precisionHit.toFixed(4)} R ${r.recallHit.toFixed(4)} | hit+possible P ${r.precisionFlag.toFixed(4)} R ${r.recallFlag.toFixed(4)} | identifiable ${r.identifiable.toFixed(3)}, hit recall of these ${r.recallIdentifiable.toFixed(4)} | ${r.hits} hits, ${r.possibles} possible | index ${r.buildS.toFixed(1)} s, screen ${r.screenS.toFixed(1)} s | ${r.settings}`,
    );
  }
}

console.log(`rules: ${JSON.stringify(rules)}`);
console.log(
  '| gen | setting | hit precision | hit recall | hit+possible precision | hit+possible recall | identifiable | hit recall of identifiable | hits | possible | index s | screen s | settings |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.generator} | ${r.setting} | ${r.precisionHit.toFixed(4)} | ${r.recallHit.toFixed(4)} | ${r.precisionFlag.toFixed(4)} | ${r.recallFlag.toFixed(4)} | ${r.identifiable.toFixed(3)} | ${r.recallIdentifiable.toFixed(4)} | ${r.hits} | ${r.possibles} | ${r.buildS.toFixed(1)} | ${r.screenS.toFixed(1)} | \`${r.settings}\` |`,
  );
}
console.log(`\nnode --import tsx bench/feeds/screen.ts ${process.argv.slice(2).join(' ')}`);
