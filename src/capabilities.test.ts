import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { importsOf } from '../scripts/check-imports.mjs';
import { allGrants } from './access/policy.ts';
import {
  allCommands,
  allJobHandlers,
  allMigrations,
  allRoutes,
  capabilities,
  checkRegistry,
  defaultJobConcurrency,
  personalDataHolders,
} from './capabilities.ts';
import { defineCapability } from './capability.ts';
import { commands } from './cli/commands.ts';
import { jobHandlers } from './server/jobs.ts';

const SRC = import.meta.dirname;

test('the registry lists each capability once, and every manifest in src/ is in it', () => {
  const names = capabilities.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  const manifests = readdirSync(SRC).filter((dir) => existsSync(join(SRC, dir, 'manifest.ts')));
  assert.deepEqual([...manifests].sort(), [...names].sort());
});

test('every migrations folder belongs to a capability, and each migration lies in its range', async () => {
  const folders = readdirSync(SRC).filter((dir) => existsSync(join(SRC, dir, 'migrations')));
  const declared = capabilities.flatMap((c) => (c.migrations ? [c.name] : []));
  assert.deepEqual(folders.sort(), declared.sort());
  const migrations = await allMigrations();
  assert.equal(migrations[0].name, '0001_foundation');
  assert.ok(migrations.some((m) => m.name === '0190_signal_privacy'));
  assert.ok(migrations.some((m) => m.name === '0501_drop_linkage_blocks'));
  const names = migrations.map((m) => m.name);
  assert.deepEqual(names, [...names].sort());
  await assert.rejects(
    allMigrations([
      defineCapability({
        name: 'misplaced',
        label: { nl: 'x', en: 'x' },
        migrations: { dir: new URL('./signals/migrations/', import.meta.url), range: [700, 799] },
      }),
    ]),
    /0100_signals of misplaced lies outside its range 700-799/,
  );
});

test('the CLI, the routes, the worker and the policy engine read the registry', async () => {
  assert.deepEqual(
    Object.keys(commands),
    capabilities.flatMap((c) => Object.keys(c.cli ?? {})),
  );
  assert.deepEqual(Object.keys(allCommands()), Object.keys(commands));
  assert.equal(allRoutes().length, capabilities.flatMap((c) => c.routes ?? []).length);
  const kinds = capabilities.flatMap((c) => [...(c.jobs?.kinds ?? []), ...(c.schedules?.kinds ?? [])]);
  assert.deepEqual(Object.keys(jobHandlers).sort(), [...kinds].sort());
  assert.deepEqual(Object.keys(allJobHandlers()).sort(), [...kinds].sort());
  assert.equal(defaultJobConcurrency()['crawler.crawl'], 2);
  // Every declared kind has its handler or periodic job in the module the manifest loads.
  for (const capability of capabilities) {
    const loaded = Object.keys((await capability.jobs?.load()) ?? {});
    for (const kind of capability.jobs?.kinds ?? [])
      assert.ok(loaded.includes(kind), `${capability.name}: ${kind}`);
    const periodic = ((await capability.schedules?.load()) ?? []).map((job) => job.kind);
    assert.deepEqual(periodic.sort(), [...(capability.schedules?.kinds ?? [])].sort(), capability.name);
    for (const route of capability.routes ?? []) assert.equal(typeof (await route.load()), 'function');
    for (const entry of Object.values(capability.cli ?? {}))
      assert.equal(typeof (await entry.load()).run, 'function');
  }
  // The policy engine's rules are the manifests' grants, none missing, none twice.
  const granted = capabilities.flatMap((c) => c.grants ?? []);
  assert.equal(new Set(granted).size, granted.length);
  assert.deepEqual(new Set(granted), new Set(allGrants()));
});

test('privacy reaches the persons of every capability that holds some, and only through the registry', async () => {
  const holders = await personalDataHolders();
  assert.deepEqual(
    holders.map((h) => h.name),
    ['signals', 'cases', 'care'],
  );
  for (const key of ['find', 'held', 'report', 'restrict', 'erase', 'rectify', 'retention']) {
    assert.equal(typeof holders[0].personalData[key as 'find'], 'function', key);
  }
  // src/privacy imports no other capability: only the base layers, the registry and its own files.
  for (const file of readdirSync(join(SRC, 'privacy')).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  )) {
    const path = join(SRC, 'privacy', file);
    for (const { spec } of importsOf(readFileSync(path, 'utf8'))) {
      const target = relative(SRC, resolve(dirname(path), spec));
      assert.match(
        target,
        /^((privacy|domain|store|access|cli)\/|server\/(routes\/|context\.ts$|wire\.ts$))|^capabilit(y|ies)\.ts$/,
        `${file} imports ${target}`,
      );
    }
  }
});

test('two capabilities may not claim one name, command, job kind or migration range', () => {
  const base = { label: { nl: 'x', en: 'x' } };
  const dir = new URL('./store/migrations/', import.meta.url);
  assert.throws(
    () =>
      checkRegistry([
        { ...base, name: 'a' },
        { ...base, name: 'a' },
      ]),
    /capability a is claimed by both a and a/,
  );
  const cmd = { summary: { nl: 'x', en: 'x' }, load: async () => commands.migrate.load() };
  assert.throws(
    () =>
      checkRegistry([
        { ...base, name: 'a', cli: { go: cmd } },
        { ...base, name: 'b', cli: { go: cmd } },
      ]),
    /command go is claimed by both a and b/,
  );
  const jobs = { kinds: ['a.job'], load: async () => ({}) };
  assert.throws(
    () =>
      checkRegistry([
        { ...base, name: 'a', jobs },
        { ...base, name: 'b', jobs },
      ]),
    /job kind a.job is claimed by both a and b/,
  );
  assert.throws(
    () =>
      checkRegistry([
        { ...base, name: 'a', migrations: { dir, range: [100, 199] } },
        { ...base, name: 'b', migrations: { dir, range: [150, 250] } },
      ]),
    /migration ranges of a and b overlap/,
  );
  assert.throws(() => defineCapability({ ...base, name: 'Bad-Name' }), /lower-case/);
});

test('--help loads no capability code: the CLI statically imports only the registry and manifests', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of importsOf(readFileSync(file, 'utf8'))) {
      if (!i.typeOnly && !i.dynamic) visit(resolve(dirname(file), i.spec));
    }
  };
  visit(join(SRC, 'cli', 'main.ts'));
  for (const file of seen) {
    assert.match(
      relative(SRC, file),
      /^(cli\/(main|io)\.ts|capabilit(y|ies)\.ts|[a-z]+\/(manifest|([a-z]+-)?grants)\.ts|access\/(grant|roles)\.ts)$/,
    );
  }
});
