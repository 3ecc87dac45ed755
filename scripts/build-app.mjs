// Compiles src/ to JavaScript in dist/app (tsc with rewriteRelativeImportExtensions, no type check:
// `npm run typecheck` does that) when the build is missing or older than its sources. `npm start`, the CLI
// and `npm install` (postinstall) call it, so nobody pays for transpiling TypeScript at every start.
// Plain JavaScript on purpose: it must run before anything is compiled, without tsx.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
export const APP_DIR = join(ROOT, 'dist', 'app');
const STAMP = join(APP_DIR, '.built');
const INPUTS = [
  SRC,
  join(ROOT, 'tsconfig.json'),
  join(ROOT, 'tsconfig.build.json'),
  join(ROOT, 'package-lock.json'),
];
const LOCK = join(ROOT, 'dist', '.app-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time under `path`, leaving out hidden entries and those `skip` names. */
export function newestMtime(path, skip = () => false) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name.startsWith('.') || skip(name)) continue;
    newest = Math.max(newest, newestMtime(join(path, name), skip));
  }
  return newest;
}

// Tests are not compiled, so editing one must not force a rebuild.
const notCompiled = (name) => name.endsWith('.test.ts');

export function appBuildIsCurrent() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  return (
    built !== undefined &&
    built.mtimeMs >= Math.max(...INPUTS.map((input) => newestMtime(input, notCompiled)))
  );
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * A directory lock (mkdir is atomic), so parallel processes do not build into the same folder at once.
 * A lock older than five minutes is taken to be left by a crashed build.
 */
export async function withBuildLock(lockDir, work) {
  mkdirSync(join(lockDir, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      const held = statSync(lockDir, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS)
        rmSync(lockDir, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Files the compiled code reads beside itself (tsc copies the imported JSON, not these): every
 * capability's `src/<cap>/migrations/` folder (its manifest names it relative to itself).
 */
function copyAssets(out) {
  for (const entry of readdirSync(SRC, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    const migrations = join(SRC, name, 'migrations');
    if (statSync(migrations, { throwIfNoEntry: false })?.isDirectory()) {
      cpSync(migrations, join(out, name, 'migrations'), { recursive: true });
    }
  }
}

/** Returns true when it built, false when dist/app was already up to date. */
export async function ensureAppBuild(options = {}) {
  if (appBuildIsCurrent()) return false;
  return withBuildLock(LOCK, async () => {
    if (appBuildIsCurrent()) return false; // another process built it while we waited
    options.log?.('Ketenplein wordt gecompileerd (dist/app) / Compiling Ketenplein (dist/app)…');
    // Build beside the old one and swap, so a process starting meanwhile never sees half a build.
    const next = `${APP_DIR}.next`;
    const startedAt = new Date(); // a source saved during the build makes the next start rebuild
    rmSync(next, { recursive: true, force: true });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(
      process.execPath,
      [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--noCheck', '--outDir', next],
      { stdio: 'inherit', cwd: ROOT },
    );
    if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status})`);
    copyAssets(next);
    writeFileSync(join(next, '.built'), startedAt.toISOString());
    utimesSync(join(next, '.built'), startedAt, startedAt);
    rmSync(APP_DIR, { recursive: true, force: true });
    renameSync(next, APP_DIR);
    return true;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureAppBuild({ log: (line) => console.error(line) });
}
