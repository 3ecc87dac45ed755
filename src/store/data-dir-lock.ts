import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An exclusive lock on the embedded database's folder. PGlite keeps its files in one process's
 * memory and writes them back on its own schedule; two processes on one folder (two servers, or a
 * server and a CLI command) each believe they own it and overwrite each other's pages. The lock is a
 * file created with O_EXCL holding the owner's pid and host. A lock whose process is gone (same
 * host, pid not alive) is stale and taken over; any other lock refuses the second process by name.
 */
export class DataDirLocked extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `De datamap ${dir} is in gebruik door proces ${holder.pid} op ${holder.host} (sinds ${holder.since}); ` +
        'stop dat proces eerst of gebruik een andere KETENPLEIN_DATA_DIR / ' +
        `The data folder ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
        'stop that process first or use another KETENPLEIN_DATA_DIR',
    );
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export const LOCK_FILE = 'ketenplein.lock';

/** Locks this process holds: a lock file with our own pid that is not in here is left by an earlier
 * process that had the same pid (a restarted container is pid 1 again). */
const held = new Set<string>();

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string') return null;
    return { pid: holder.pid, host: holder.host, since: String(holder.since ?? '?') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or half-written: treat as held by an unknown process rather than steal it.
    return { pid: -1, host: 'unknown', since: '?' };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws DataDirLocked naming the holder. Returns the release function. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let tries = 0; tries < 5; tries++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      held.add(path);
      return () => release(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (!holder) continue; // released meanwhile: try again
    const mine = holder.pid === process.pid;
    const stale = holder.host === me.host && holder.pid > 0 && (mine ? !held.has(path) : !alive(holder.pid));
    if (!stale) throw new DataDirLocked(dir, holder);
    // Move the stale lock aside atomically; if another process took over first, the file moved is theirs
    // (another pid), so it is put back and we refuse.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (moved && moved.pid !== holder.pid) {
      renameSync(aside, path);
      throw new DataDirLocked(dir, moved);
    }
    rmSync(aside, { force: true });
  }
  throw new DataDirLocked(dir, readHolder(path) ?? { pid: -1, host: 'unknown', since: '?' });
}

function release(path: string): void {
  if (!held.delete(path)) return;
  // Only our own lock: never remove one another process took over.
  const holder = readHolder(path);
  if (holder && holder.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
}
