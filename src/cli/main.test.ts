import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIO } from './io.ts';
import { runCli } from './main.ts';

function capture(lang: 'nl' | 'en' = 'nl') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { io, out, err };
}

test('--help lists the commands in Dutch, or English', async () => {
  const nl = capture('nl');
  assert.equal(await runCli(['--help'], nl.io), 0);
  assert.match(nl.out.join(''), /Gebruik: npm run --silent ketenplein/);
  assert.match(nl.out.join(''), /audit/);
  const en = capture('en');
  await runCli(['--help'], en.io);
  assert.match(en.out.join(''), /Commands:/);
});

test('an unknown command fails with a clear message', async () => {
  const { io, err } = capture('en');
  assert.equal(await runCli(['frobnicate'], io), 2);
  assert.match(err.join(''), /Unknown command: frobnicate/);
});

test('a command error names the problem and exits non-zero', async () => {
  const { io, err } = capture('en');
  assert.equal(await runCli(['audit', 'nonsense'], io), 2);
  assert.match(err.join(''), /usage: audit verify/);
});
