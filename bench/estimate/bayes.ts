// Speed of the Bayesian estimators (issue 20): dga on 5 lists and the latent-class sampler per 1,000,000
// iterations, side by side with baselines measured in the same run.
// Run: node --import tsx bench/estimate/bayes.ts [--iterations 200000] [--rounds 3] [--no-r]
//
// The R columns are dga::bma.cr and LCMCR. They are timed when both packages load in R; they are not
// in Debian and CRAN is not reachable from this machine, so normally those columns are skipped with a notice.
// Baselines measured in the same run instead:
// - lcm: the same Gibbs sampler in C with GSL's variates, as LCMCR's C++ core draws them (bench/estimate/c,
//   built here with cc and Debian's libgsl-dev): LCMCR's per-iteration work without its R interface, so a fair
//   (if anything slightly fast) stand-in for LCMCR's speed; and the previous TypeScript sampler
//   (bench/estimate/lcm-baseline), to show what the speed work changed;
// - both: the hand-written R references in bench/estimate/r (loops in R: far slower than the packages).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dgaEstimate } from '../../src/estimate/bayes/dga.ts';
import { decomposableGraphs } from '../../src/estimate/bayes/graphs.ts';
import { lcmEstimate } from '../../src/estimate/bayes/lcm.ts';
import { runChain } from '../../src/estimate/bayes/lcm-chain.ts';
import { parseTableCsv } from '../../src/estimate/index.ts';
import { mulberry32Unboxed as baselineUniform } from './lcm-baseline/distributions.ts';
import { runChain as baselineChain } from './lcm-baseline/lcm-chain.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback;
const iterations = option('--iterations', 200_000);
const rounds = option('--rounds', 3);
const NL5 = 'test/data/mse/netherlands_2010_2015_5lists.csv';
const MY5 = 'src/estimate/bayes/reference/madigan-york-5lists.csv';
const nl5 = parseTableCsv(readFileSync(NL5, 'utf8'));
const my5 = parseTableCsv(readFileSync(MY5, 'utf8'));

function timed<T>(fn: () => T): { value: T; wallS: number; cpuS: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, wallS: (performance.now() - start) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

function rscript(code: string, timeoutMs = 1_800_000): string | null {
  const r = spawnSync('Rscript', ['-e', code], { encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0) return null;
  return r.stdout;
}

const hasR = !args.includes('--no-r') && spawnSync('Rscript', ['--version']).status === 0;
const hasPackage = (name: string) =>
  hasR && rscript(`suppressMessages(library(${name})); cat("ok")`)?.includes('ok') === true;
// Each package on its own: either may be installed without the other.
const hasDga = hasPackage('dga');
const hasLcmcr = hasPackage('LCMCR');

/** R's elapsed seconds for an expression (system.time). */
function rSeconds(setup: string, expression: string): number | null {
  const out = rscript(`${setup}\ncat("secs", system.time(${expression})[["elapsed"]], "\\n")`);
  const m = out?.match(/secs (\S+)/);
  return m ? Number(m[1]) : null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Compiles the C + GSL stand-in for LCMCR (needs a C compiler and Debian's libgsl-dev). */
function buildGsl(): { binary?: string; notice?: string } {
  const binary = join(mkdtempSync(join(tmpdir(), 'lcm-gsl-')), 'lcm-gsl');
  const cc = spawnSync(
    'cc',
    ['-O2', '-o', binary, 'bench/estimate/c/lcm-gsl.c', '-lgsl', '-lgslcblas', '-lm'],
    { encoding: 'utf8' },
  );
  if (cc.status === 0) return { binary };
  return {
    notice:
      'the C + GSL stand-in for LCMCR could not be built (apt-get install gcc libgsl-dev): its column is skipped.\n' +
      (cc.stderr || String(cc.error ?? '')).trim().split('\n')[0],
  };
}

const fmt = (x: number | null, d = 2) => (x === null ? 'n.v.t. / n/a' : x.toFixed(d));
const ratio = (ours: number, theirs: number | null) =>
  theirs === null
    ? ''
    : `  → ${(theirs / ours).toFixed(1)}× ${theirs > ours ? 'sneller / faster' : 'trager / slower'}`;

function main() {
  console.log('Bench: Bayesiaanse schatters / Bayesian estimators (issue 20)');
  console.log(
    `Command: node --import tsx bench/estimate/bayes.ts --iterations ${iterations} --rounds ${rounds}${args.includes('--no-r') ? ' --no-r' : ''}`,
  );
  console.log(
    `Load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2 cores)\n`,
  );
  if (!hasR)
    console.log(
      args.includes('--no-r')
        ? 'NOTICE: --no-r: all R columns skipped.\n'
        : 'NOTICE: R not found (apt-get install r-base-core): all R columns skipped.\n',
    );
  else if (!hasDga || !hasLcmcr)
    console.log(
      `NOTICE: R package(s) ${[hasDga ? '' : 'dga', hasLcmcr ? '' : 'LCMCR'].filter(Boolean).join(' and ')} not installed (not in Debian, CRAN not reachable here): their\n` +
        'columns are skipped. Baselines instead: for lcm the same sampler in C with\n' +
        'GSL’s variates (bench/estimate/c, LCMCR’s C++ core without its R interface: the stand-in for LCMCR),\n' +
        'and the hand-written R references in bench/estimate/r (R loops, far slower than the packages).\n',
    );

  decomposableGraphs(5);
  // 1. dga on 5 lists, the Dutch table with the default grid (integers, then geometric steps).
  const nlRuns = [0, 1, 2].map(() => timed(() => dgaEstimate(nl5)));
  const nl = nlRuns.sort((a, b) => a.wallS - b.wallS)[1];
  console.log('dga, 5 lijsten / lists (822 grafen / graphs)');
  console.log(
    `  NL 2010–2015, 5 lists, default grid (${nl.value?.settings.grid.points} points up to ${nl.value?.settings.grid.to}): ${fmt(nl.wallS, 3)} s wall, ${fmt(nl.cpuS, 3)} s CPU (median of 3)`,
  );
  // The same on an integer grid 0…20 000, which R can do too: Madigan & York's 5-list example.
  const grid = Array.from({ length: 20001 }, (_, i) => i);
  const my = timed(() => dgaEstimate(my5, { grid }));
  let rDga: number | null = null;
  let rDgaLabel = 'dga::bma.cr';
  if (hasDga) {
    rDga = rSeconds(
      `suppressMessages(library(dga)); data(graphs5); d <- read.csv("${MY5}"); Y <- array(0, rep(2, 5));
       for (r in seq_len(nrow(d))) Y[as.numeric(d[r, 1:5]) %*% 2^(0:4) + 1] <- d$count[r]`,
      'w <- bma.cr(Y, 0:20000, 2^-5, graphs5)',
    );
  } else if (hasR) {
    rDgaLabel = 'hand-written R reference (bench/estimate/r/dga-reference.R)';
    const start = performance.now();
    const out = spawnSync('Rscript', ['bench/estimate/r/dga-reference.R', MY5, 'default', '20000'], {
      encoding: 'utf8',
    });
    rDga = out.status === 0 ? (performance.now() - start) / 1000 : null;
  }
  console.log(
    `  Madigan & York 5 lists, grid 0…20 000 by 1: ours ${fmt(my.wallS, 3)} s wall (${fmt(my.cpuS, 3)} s CPU); ${rDgaLabel}: ${fmt(rDga)} s${ratio(my.wallS, rDga)}`,
  );

  // 2. The latent-class sampler per 1,000,000 iterations (NL 5 lists, K = 10), one chain on this thread, next to
  //    two baselines run on the same table with the same settings in this run, in turns (the median of `rounds`),
  //    so that the load of the machine weighs on all three alike:
  //    - the same sampler in C with the GNU Scientific Library's variates, as LCMCR's C++ core uses them
  //      (bench/estimate/c/lcm-gsl.c): the stand-in for LCMCR where LCMCR cannot be installed;
  //    - the previous, straightforward TypeScript sampler (bench/estimate/lcm-baseline).
  const thin = 100;
  const samples = Math.max(10, Math.floor(iterations / 2 / thin));
  const burnin = iterations - samples * thin;
  const settings = { K: 10, aAlpha: 0.25, bAlpha: 0.25, burnin, samples, thin };
  const gsl = buildGsl();
  if (gsl.notice) console.log(`\nNOTICE: ${gsl.notice}`);
  const ours: Array<{ wallS: number; cpuS: number }> = [];
  const previous: Array<{ wallS: number; cpuS: number }> = [];
  const cRuns: Array<{ wallS: number; cpuS: number }> = [];
  let oursMedian = 0;
  let cMedian = 0;
  // Untimed first: a per-iteration figure is the steady state, after the JIT compiler has done its work.
  const warm = { ...settings, burnin: 10_000, samples: 100, thin: 100 };
  runChain(nl5, warm, 99);
  baselineChain(nl5, warm, baselineUniform(99));
  for (let round = 1; round <= rounds; round++) {
    const o = timed(() => runChain(nl5, settings, round));
    ours.push(o);
    const s = Float64Array.from(o.value.totals).sort();
    oursMedian = s[s.length >> 1];
    previous.push(timed(() => baselineChain(nl5, settings, baselineUniform(round))));
    if (gsl.binary) {
      const start = performance.now();
      const out = spawnSync(gsl.binary, [NL5, '10', String(iterations), String(round)], { encoding: 'utf8' });
      const m = out.stdout?.match(/"seconds":([\d.]+).*"median":([\d.]+)/);
      if (m) {
        cRuns.push({ wallS: (performance.now() - start) / 1000, cpuS: Number(m[1]) });
        cMedian = Number(m[2]);
      }
    }
  }
  const perMillion = (runs: Array<{ wallS: number; cpuS: number }>, key: 'wallS' | 'cpuS') =>
    runs.length === 0 ? null : (median(runs.map((r) => r[key])) / iterations) * 1e6;
  const perMillionWall = perMillion(ours, 'wallS') ?? 0;
  const perMillionCpu = perMillion(ours, 'cpuS') ?? 0;
  const cCpu = perMillion(cRuns, 'cpuS');
  const previousCpu = perMillion(previous, 'cpuS');
  let rLcm: number | null = null;
  let rLcmLabel = 'LCMCR';
  const rIterations = 20_000;
  if (hasLcmcr) {
    const s = rSeconds(
      `suppressMessages(library(LCMCR)); d <- read.csv("${NL5}"); x <- d[rep(seq_len(nrow(d)), d$count), 1:5];
       x[] <- lapply(x, factor, levels = c(0, 1));
       o <- lcmCR(x, K = 10, a_alpha = 0.25, b_alpha = 0.25, seed = 1, buffer_size = 10000, thinning = 100, verbose = FALSE)`,
      `lcmCR_PostSampl(o, burnin = ${rIterations / 2}, samples = ${rIterations / 200}, thinning = 100, output = FALSE)`,
    );
    rLcm = s === null ? null : (s / rIterations) * 1e6;
  } else if (hasR) {
    rLcmLabel = 'hand-written R reference (bench/estimate/r/lcm-reference.R)';
    const out = spawnSync(
      'Rscript',
      [
        'bench/estimate/r/lcm-reference.R',
        NL5,
        '10',
        String(rIterations / 2),
        String(rIterations / 20),
        '10',
        '1',
      ],
      { encoding: 'utf8' },
    );
    const m = out.stdout?.match(/"secondsPerMillion":([\d.]+)/);
    rLcm = m ? Number(m[1]) : null;
  }
  console.log('\nlcm, NL 2010–2015, 5 lijsten / lists, K = 10');
  console.log(
    `  one chain, ${iterations.toLocaleString('en-GB')} iterations, median of ${rounds} rounds, s per 1,000,000 iterations:`,
  );
  console.log(
    `    ours (src/estimate/bayes/lcm-chain.ts):           ${fmt(perMillionCpu)} s CPU, ${fmt(perMillionWall)} s wall (last median N ${oursMedian})`,
  );
  console.log(
    `    C + GSL, LCMCR's variates (bench/estimate/c):     ${fmt(cCpu)} s CPU, ${fmt(perMillion(cRuns, 'wallS'))} s wall (last median N ${cMedian || 'n/a'})${ratio(perMillionCpu, cCpu)} (CPU)`,
  );
  console.log(
    `    previous TypeScript (bench/estimate/lcm-baseline): ${fmt(previousCpu)} s CPU, ${fmt(perMillion(previous, 'wallS'))} s wall${ratio(perMillionCpu, previousCpu)} (CPU)`,
  );
  console.log(
    `    ${rLcmLabel}: ${fmt(rLcm)} s per 1,000,000 (elapsed, ${rIterations.toLocaleString('en-GB')} iterations)${ratio(perMillionWall, rLcm)} (wall)`,
  );

  // 3. Two chains on worker threads: the wall time the user waits for the same work per chain.
  const start = performance.now();
  void lcmEstimate(nl5, { burnin, samples, thin, chains: 2, workers: true }).then((r) => {
    const wall = (performance.now() - start) / 1000;
    console.log(
      `  two chains on worker threads, ${iterations.toLocaleString('en-GB')} iterations each: ${fmt(wall)} s wall (R-hat ${fmt(r.diagnostics.rhat, 3)})`,
    );
    console.log(
      `\nLoad average at end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  });
}

main();
