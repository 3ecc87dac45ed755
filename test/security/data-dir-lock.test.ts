import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/connect.ts';
import { DataDirLocked, LOCK_FILE } from '../../src/store/data-dir-lock.ts';
import { databaseLabel } from '../helpers/store.ts';

/** Finding 4: two processes on one embedded data folder. The lock is the same whatever DATABASE_URL says. */
describe(`security: one process per PGlite data folder (run under ${databaseLabel})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Opens the folder in a second Node process, as a second server or CLI command would. */
  function openInChild(): Promise<{ code: number | null; stderr: string }> {
    const script =
      `import { openStore } from ${JSON.stringify(new URL('../../src/store/connect.ts', import.meta.url).pathname)};` +
      `try { const s = await openStore({ dataDir: ${JSON.stringify(dir)} }); await s.close(); }` +
      'catch (e) { console.error(e.message); process.exit(3); }';
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  }

  test('a second process is refused with the holder named; after close the folder is free again', async () => {
    const first = await openStore({ dataDir: dir });
    try {
      const second = await openInChild();
      assert.equal(second.code, 3);
      assert.match(second.stderr, new RegExp(`process ${process.pid} on ${hostname()}`));
      // Inside this process too: a second PGlite on the same files is just as harmful.
      await assert.rejects(openStore({ dataDir: dir }), DataDirLocked);
    } finally {
      await first.close();
    }
    const again = await openInChild();
    assert.equal(again.code, 0, again.stderr);
  });

  test('a CLI command on a folder a server holds is refused with the holder named', async () => {
    const first = await openStore({ dataDir: dir });
    try {
      const cli = new URL('../../src/cli/main.ts', import.meta.url).pathname;
      const env: NodeJS.ProcessEnv = { ...process.env, KETENPLEIN_DATA_DIR: dir };
      delete env.DATABASE_URL;
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', cli, 'audit', 'verify'], {
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (chunk) => {
          err += chunk;
        });
        child.on('exit', (exit) => resolve({ code: exit, stderr: err }));
      });
      assert.notEqual(code, 0);
      assert.match(stderr, new RegExp(`process ${process.pid} on ${hostname()}`));
    } finally {
      await first.close();
    }
  });

  test('a lock left by a process that died is taken over', async () => {
    // A pid that is certainly not running: a child that has already exited.
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid ?? 0)));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid, host: hostname(), since: 'earlier' }));
    const store = await openStore({ dataDir: dir });
    try {
      const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
      assert.equal(holder.pid, process.pid);
    } finally {
      await store.close();
    }
  });

  test('a lock held on another host is never taken over', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host', since: 'earlier' }));
    try {
      await assert.rejects(openStore({ dataDir: dir }), /process 1 on other-host/);
    } finally {
      rmSync(join(dir, LOCK_FILE));
    }
  });
});
