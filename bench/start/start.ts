// Start-up times, transpiled at every start (tsx, as before issue 12) against the compiled build (dist/app),
// side by side in one run, with `node -e 0` as the floor. Median of --runs (default 5) each.
//   node --import tsx bench/start/start.ts [--runs 5]
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureAppBuild } from '../../scripts/build-app.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return (performance.now() - started) / 1000;
}

async function untilHealthy(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return (performance.now() - started) / 1000;
      } catch {}
      await new Promise((done) => setTimeout(done, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

await ensureAppBuild();
const table = join(ROOT, 'test', 'data', 'mse', 'artificial_3lists.csv');
const dataDir = mkdtempSync(join(tmpdir(), 'kp-start-'));
console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; ${runs} runs each, median`,
);
const rows: [string, number, number][] = [];
const floor = median(Array.from({ length: runs }, () => timed(['-e', '0'])));
rows.push([
  'cli --help',
  median(Array.from({ length: runs }, () => timed(['--import', 'tsx', 'src/cli/main.ts', '--help']))),
  median(Array.from({ length: runs }, () => timed(['scripts/ketenplein.mjs', '--help']))),
]);
rows.push([
  'estimate, 3-list table',
  median(
    Array.from({ length: runs }, () => timed(['--import', 'tsx', 'src/cli/main.ts', 'estimate', table])),
  ),
  median(Array.from({ length: runs }, () => timed(['scripts/ketenplein.mjs', 'estimate', table]))),
]);
// The first start migrates and seeds the folder; the measured starts find existing data.
const env = { KETENPLEIN_DATA_DIR: dataDir, KETENPLEIN_LOG_LEVEL: 'warn' };
await untilHealthy(['dist/app/server/main.js'], env, 18_290);
const serverRuns = Math.min(runs, 3);
const tsx: number[] = [];
const compiled: number[] = [];
for (let i = 0; i < serverRuns; i++) {
  tsx.push(await untilHealthy(['--import', 'tsx', 'src/server/main.ts'], env, 18_291));
  compiled.push(await untilHealthy(['dist/app/server/main.js'], env, 18_292));
}
rows.push(['server start → /health (PGlite, existing data)', median(tsx), median(compiled)]);
rmSync(dataDir, { recursive: true, force: true });

console.log(`floor (node -e 0): ${floor.toFixed(2)} s`);
console.log('what'.padEnd(48), 'tsx (before)'.padStart(13), 'compiled'.padStart(10), 'ratio'.padStart(7));
for (const [what, before, after] of rows) {
  console.log(
    what.padEnd(48),
    `${before.toFixed(2)} s`.padStart(13),
    `${after.toFixed(2)} s`.padStart(10),
    `${(before / after).toFixed(1)}×`.padStart(7),
  );
}
console.log(
  `load average at end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
