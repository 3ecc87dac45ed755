// Builds the web app into dist/web when it is missing or older than its sources (runs as `prestart`).
// Quiet when up to date. Tests call ensureWebBuild() before starting a browser.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const OUT = join(ROOT, 'dist', 'web');
/** Files outside web/ that the web app imports (grep web/src for "src/" when adding one). */
const SHARED_SOURCES = [
  join(ROOT, 'src', 'access', 'roles.ts'),
  join(ROOT, 'src', 'access', 'rules', 'estimate.ts'),
  join(ROOT, 'src', 'domain'),
  join(ROOT, 'src', 'estimate', 'app'),
  join(ROOT, 'src', 'linkage'),
  join(ROOT, 'src', 'privacy', 'vocabulary.ts'),
  join(ROOT, 'src', 'signals'),
  join(ROOT, 'package-lock.json'),
];
const LOCK = join(ROOT, 'dist', '.web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const built = statSync(join(OUT, 'index.html'), { throwIfNoEntry: false });
  if (!built) return false;
  const sources = Math.max(newestMtime(WEB), ...SHARED_SOURCES.map(newestMtime));
  return built.mtimeMs >= sources;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A directory lock, so parallel test files do not build into the same folder at once. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Returns true when it built, false when dist/web was already up to date. */
export async function ensureWebBuild(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  return withBuildLock(async () => {
    if (webBuildIsCurrent()) return false; // another process built it while we waited
    options.log?.('Web-app wordt gebouwd (dist/web) / Building the web app (dist/web)…');
    const { build } = await import('vite');
    await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
    return true;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await ensureWebBuild({ log: (line) => console.log(line) });
}
