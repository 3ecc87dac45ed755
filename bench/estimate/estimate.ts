// Speed of the MSE engine, side by side with R measured in the same run.
// Run: node --import tsx bench/estimate/estimate.ts [--replicates 1000] [--no-r]
// R (Debian r-base-core) is used only for comparison: installed with apt-get when missing and possible,
// otherwise the R columns are skipped with a notice.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapInterval } from '../../src/estimate/bootstrap.ts';
import { checkDesign } from '../../src/estimate/check.ts';
import { buildDesign, tableStats } from '../../src/estimate/design.ts';
import { enumerateHierarchicalModels } from '../../src/estimate/enumerate.ts';
import { fitPoisson } from '../../src/estimate/fit.ts';
import { parseTableCsv } from '../../src/estimate/index.ts';
import { fitModel } from '../../src/estimate/model.ts';
import { totalFor } from '../../src/estimate/procedure.ts';
import { bicSearch, stepwiseCsv } from '../../src/estimate/select.ts';
import { termName } from '../../src/estimate/terms.ts';

const args = process.argv.slice(2);
const replicates = Number(args[args.indexOf('--replicates') + 1] || 1000) || 1000;
const NL6_PATH = 'test/data/mse/netherlands_2010_2015_6lists.csv';
const NL5_PATH = 'test/data/mse/netherlands_2010_2015_5lists.csv';
const nl6 = parseTableCsv(readFileSync(NL6_PATH, 'utf8'));
const nl5 = parseTableCsv(readFileSync(NL5_PATH, 'utf8'));

/** Issue 5's times for the R packages (SparseMSE), for the figures R cannot redo here in reasonable time. */
const ISSUE_R = { stepwiseCsvS: 0.25, bootstrapS: 383 };

function perCall(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    n++;
  }
  return (performance.now() - start) / n;
}

function ensureR(): boolean {
  if (args.includes('--no-r')) return false;
  if (spawnSync('Rscript', ['--version']).status === 0) return true;
  console.log(
    'R niet gevonden; installeren met apt-get (alleen voor de vergelijking) / R not found; installing…',
  );
  const install = spawnSync('apt-get', ['install', '-y', 'r-base-core'], {
    stdio: 'ignore',
    timeout: 600_000,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return install.status === 0 && spawnSync('Rscript', ['--version']).status === 0;
}

interface RTimes {
  glmMs: number;
  bicS: number;
  bicBest: string;
  bicValue: number;
}

function timeR(models: number[][]): RTimes | null {
  const dir = mkdtempSync(join(tmpdir(), 'bench-estimate-'));
  const formulas = models.map((terms) =>
    ['count ~ .', ...terms.map((t) => termName(t, nl5.lists))].join(' + '),
  );
  writeFileSync(join(dir, 'models.txt'), `${formulas.join('\n')}\n`);
  const script = `
full <- function(path) {
  d <- read.csv(path); k <- ncol(d) - 1
  g <- expand.grid(rep(list(0:1), k)); names(g) <- names(d)[1:k]; g <- g[rowSums(g) > 0, ]
  m <- merge(g, d, all.x = TRUE); m$count[is.na(m$count)] <- 0; m
}
d6 <- full("${NL6_PATH}")
for (i in 1:20) glm(count ~ ., family = poisson, data = d6)
reps <- 300
t <- system.time(for (i in 1:reps) glm(count ~ ., family = poisson, data = d6))[["elapsed"]]
cat("glm_ms", 1000 * t / reps, "\\n")
d5 <- full("${NL5_PATH}")
n <- sum(d5$count)
forms <- readLines("${join(dir, 'models.txt')}")
t <- system.time({
  bics <- vapply(forms, function(f) {
    fit <- suppressWarnings(glm(as.formula(f), family = poisson, data = d5))
    fit$aic + (log(n) - 2) * fit$rank
  }, 0)
})[["elapsed"]]
best <- which.min(bics)
cat("bic_s", t, "\\n")
cat("bic_best", gsub(" ", "", forms[best]), "\\n")
cat("bic_value", bics[best], "\\n")
`;
  const scriptPath = join(dir, 'bench.R');
  writeFileSync(scriptPath, script);
  const r = spawnSync('Rscript', [scriptPath], { encoding: 'utf8', timeout: 900_000 });
  if (r.status !== 0) {
    console.log(`R faalde / R failed: ${r.stderr.slice(0, 500)}`);
    return null;
  }
  const get = (key: string) => r.stdout.match(new RegExp(`${key} (\\S+)`))?.[1] ?? '';
  return {
    glmMs: Number(get('glm_ms')),
    bicS: Number(get('bic_s')),
    bicBest: get('bic_best'),
    bicValue: Number(get('bic_value')),
  };
}

const fmt = (x: number, d = 3) => x.toFixed(d);
const ratio = (ours: number, theirs: number | undefined) =>
  theirs && Number.isFinite(theirs)
    ? `${fmt(theirs / ours, 1)}× sneller / faster than R`
    : '(R: n.v.t. / n/a)';

async function main() {
  console.log('Bench: meervoudige-systeemschatting / multiple systems estimation');
  console.log(`Command: node --import tsx bench/estimate/estimate.ts --replicates ${replicates}\n`);

  const stats6 = tableStats(nl6);
  const design6 = buildDesign(stats6, []);
  const fitMs = perCall(() => fitPoisson(design6));
  const fullFitMs = perCall(() => fitModel(stats6, []));
  const stepMs = perCall(() => stepwiseCsv(stats6, 0.02), 500);

  const stats5 = tableStats(nl5);
  const models5 = enumerateHierarchicalModels(5, 4);
  bicSearch(stats5, undefined, 10);
  const bicStart = performance.now();
  const bic = bicSearch(stats5, undefined, 10);
  const bicS = (performance.now() - bicStart) / 1000;
  const checkStart = performance.now();
  for (const terms of models5) checkDesign(buildDesign(stats5, terms));
  const checksS = (performance.now() - checkStart) / 1000;

  const procedure = { select: 'stepwise-csv' as const, pthresh: 0.02 };
  const point = totalFor(nl6, procedure);
  const bootStart = performance.now();
  const boot = await bootstrapInterval(nl6, procedure, point, { replicates, seed: 1, level: 0.95 });
  const bootS = (performance.now() - bootStart) / 1000;
  const bootSingleStart = performance.now();
  await bootstrapInterval(nl6, procedure, point, { replicates, seed: 1, level: 0.95, workers: 1 });
  const bootSingleS = (performance.now() - bootSingleStart) / 1000;

  const haveR = ensureR();
  const r = haveR ? timeR(models5) : null;
  if (!haveR)
    console.log(
      'Let op / Notice: R niet beschikbaar; R-kolommen overgeslagen / R unavailable; R columns skipped.\n',
    );

  console.log(
    'Figuur / figure                                   ons / ours      R          verhouding / ratio',
  );
  console.log(
    `één fit (IRLS, 6 lijsten, hoofdeffecten)          ${fmt(fitMs, 4)} ms   ${r ? `${fmt(r.glmMs)} ms` : '-'}   ${ratio(fitMs, r?.glmMs)}  (doel/target < 0.05 ms)`,
  );
  console.log(
    `één fit incl. ontwerp + controles                  ${fmt(fullFitMs, 4)} ms   ${r ? `${fmt(r.glmMs)} ms` : '-'}   ${ratio(fullFitMs, r?.glmMs)}`,
  );
  console.log(
    `stepwise-csv selectie, 6 lijsten                   ${fmt(stepMs, 2)} ms    ${ISSUE_R.stepwiseCsvS * 1000} ms*   ${ratio(stepMs, ISSUE_R.stepwiseCsvS * 1000)}`,
  );
  console.log(
    `exhaustieve BIC, 5 lijsten (${models5.length} modellen)   ${fmt(bicS)} s     ${r ? `${fmt(r.bicS, 2)} s` : '-'}   ${ratio(bicS, r?.bicS)}  (doel/target < 0.5 s)`,
  );
  console.log(`  waarvan controles bestaan/identificeerbaarheid   ${fmt(checksS)} s`);
  console.log(
    `bootstrap BCa ${replicates}× herselectie, 6 lijsten    ${fmt(bootS, 2)} s    ${ISSUE_R.bootstrapS} s*   ${ratio(bootS, ISSUE_R.bootstrapS * (replicates / 1000))}  (doel/target < 10 s)`,
  );
  console.log(`  zelfde, één thread / same, one thread            ${fmt(bootSingleS, 2)} s`);
  console.log(
    '* R-tijd uit issue 5 (SparseMSE), niet in deze run gemeten / R time from issue 5, not measured in this run.\n',
  );
  console.log(
    `Controle / check: BIC-model ${bic.model.terms.map((t) => termName(t, nl5.lists)).join('+')} BIC ${fmt(bic.model.result!.bic, 4)} N ${fmt(bic.model.result!.total, 2)}; bootstrap ${fmt(boot.interval.lower, 0)}–${fmt(boot.interval.upper ?? Number.NaN, 0)} (${boot.failed} mislukt / failed)`,
  );
  if (r) {
    const same = Math.abs(r.bicValue - bic.model.result!.bic) < 1e-3;
    console.log(
      `R (glm, zonder bestaanscontrole / without existence checks): ${r.bicBest} BIC ${fmt(r.bicValue, 4)} — ${same ? 'gelijk / same' : 'anders / different'}`,
    );
  }
}

await main();
