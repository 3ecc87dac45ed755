// Builds the web app into dist/web when it is missing or older than its sources (runs as `prestart`).
// Quiet when up to date. Tests call ensureWebBuild() before starting a browser.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestMtime, withBuildLock } from './build-app.mjs';

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

const notSource = (name: string) => name === 'node_modules';

export function webBuildIsCurrent(): boolean {
  const built = statSync(join(OUT, 'index.html'), { throwIfNoEntry: false });
  if (!built) return false;
  const sources = Math.max(...[WEB, ...SHARED_SOURCES].map((path) => newestMtime(path, notSource)));
  return built.mtimeMs >= sources;
}

/** Returns true when it built, false when dist/web was already up to date. */
export async function ensureWebBuild(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  return withBuildLock(LOCK, async () => {
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
