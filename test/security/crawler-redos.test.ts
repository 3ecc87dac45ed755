import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { syntheticAdapter } from '../../bench/crawler/site.ts';
import { AdapterError, pageKind, parseAdapter } from '../../src/crawler/adapter.ts';

/**
 * Finding 7 (ReDoS): an adapter's urlPattern `^/(a+)+$` ran on JavaScript's backtracking engine and a URL
 * of a's ending in `!` stalled the whole server (5 s for /health in the attack). With 64 a's the backtracking
 * engine needs ~2^64 steps, i.e. never returns; RE2 answers at once. The match runs in a child process so
 * that a hang is reported as a failure (after the generous limit below) instead of freezing this test.
 */
const EVIL = '^/(a+)+$';

test('a catastrophic urlPattern no longer blocks: matching a hostile URL returns', async () => {
  const adapter = parseAdapter({
    ...syntheticAdapter('http://127.0.0.1:8080'),
    ad: { ...syntheticAdapter('http://127.0.0.1:8080').ad, urlPattern: EVIL },
  });
  const script = `
    import { pageKind } from './src/crawler/adapter.ts';
    const adapter = ${JSON.stringify(adapter)};
    const kinds = [pageKind(adapter, new URL('http://x/' + 'a'.repeat(64) + '!')), pageKind(adapter, new URL('http://x/aaa'))];
    process.stdout.write(JSON.stringify(kinds));`;
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 60_000, cwd: process.cwd() },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
  // The hostile URL is no ad (and no listing); a real match still is one: the pattern works, just safely.
  assert.deepEqual(JSON.parse(out), [null, 'ad']);
  assert.equal(pageKind(adapter, new URL('http://x/aaa')), 'ad');
});

test('patterns RE2 cannot run in linear time (backreferences, lookaround) are refused naming the field', () => {
  const base = syntheticAdapter('http://127.0.0.1:8080');
  for (const pattern of ['^/(a)\\1$', '^/ad/(?=x)']) {
    assert.throws(
      () => parseAdapter({ ...base, listing: { ...base.listing, urlPattern: pattern } }),
      (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.problems.length, 1);
        assert.match(error.problems[0]!, /^listing\.urlPattern: not a valid RE2 regular expression/);
        return true;
      },
    );
  }
});
