import { accessCapability } from './access/manifest.ts';
import type { Capability, CommandEntry, PersonalData, RouteEntry } from './capability.ts';
import { careCapability } from './care/manifest.ts';
import { casesCapability } from './cases/manifest.ts';
import { crawlerCapability } from './crawler/manifest.ts';
import { estimateCapability } from './estimate/manifest.ts';
import { feedsCapability } from './feeds/manifest.ts';
import { linkageCapability } from './linkage/manifest.ts';
import { monitorCapability } from './monitor/manifest.ts';
import { privacyCapability } from './privacy/manifest.ts';
import { signalsCapability } from './signals/manifest.ts';
import type { Store } from './store/connect.ts';
import type { JobHandler } from './store/jobs.ts';
import { storeCapability } from './store/manifest.ts';
import type { Migration } from './store/migrate.ts';
import type { PeriodicJob } from './store/scheduler.ts';

/**
 * THE list of capabilities (statically only manifests, i.e. data, so `--help` stays light): the server (routes), the job worker and scheduler, privacy (personal data), the
 * CLI and the migrations read it, nothing else does. Adding a capability is its folder and one line here.
 * Order matters only for what is listed: routes are registered, commands shown and migrations numbered
 * in this order (migrations are sorted by number anyway).
 */
export const capabilities: readonly Capability[] = checkRegistry([
  storeCapability,
  accessCapability,
  estimateCapability,
  linkageCapability,
  crawlerCapability,
  signalsCapability,
  privacyCapability,
  casesCapability,
  careCapability,
  feedsCapability,
  monitorCapability,
]);

let active: readonly Capability[] = capabilities;

/** The capabilities in use: the list above, unless a test installed its own. */
export function capabilityList(): readonly Capability[] {
  return active;
}

/**
 * For tests: runs the process with another list (e.g. the built-in ones plus a test capability), checked
 * like the real one. Each test file runs in its own process, so this never leaks into another file.
 */
export function installCapabilities(list: readonly Capability[]): void {
  active = checkRegistry(list);
}

/** Refuses two capabilities with one name, command, job kind or overlapping migration range. */
export function checkRegistry(list: readonly Capability[]): readonly Capability[] {
  const seen = new Map<string, string>();
  const claim = (what: string, by: string) => {
    const earlier = seen.get(what);
    if (earlier) throw new Error(`registry: ${what} is claimed by both ${earlier} and ${by}`);
    seen.set(what, by);
  };
  for (const capability of list) {
    claim(`capability ${capability.name}`, capability.name);
    for (const name of Object.keys(capability.cli ?? {})) claim(`command ${name}`, capability.name);
    for (const kind of [...(capability.jobs?.kinds ?? []), ...(capability.schedules?.kinds ?? [])]) {
      claim(`job kind ${kind}`, capability.name);
    }
  }
  const ranges = list.flatMap((c) => (c.migrations ? [{ name: c.name, range: c.migrations.range }] : []));
  for (const a of ranges) {
    for (const b of ranges) {
      if (a !== b && a.range[0] <= b.range[1] && b.range[0] <= a.range[1]) {
        throw new Error(`registry: migration ranges of ${a.name} and ${b.name} overlap`);
      }
    }
  }
  return list;
}

/** Every capability's migrations, each checked to lie in its capability's range, in number order. */
export async function allMigrations(list: readonly Capability[] = capabilityList()): Promise<Migration[]> {
  const { loadMigrations } = await import('./store/migrate.ts');
  return list
    .flatMap((capability) => {
      if (!capability.migrations) return [];
      const [low, high] = capability.migrations.range;
      return loadMigrations(capability.migrations.dir).map((migration) => {
        const number = Number(migration.name.slice(0, 4));
        if (number < low || number > high) {
          throw new Error(
            `migration ${migration.name} of ${capability.name} lies outside its range ${low}-${high}`,
          );
        }
        return migration;
      });
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The CLI: every capability's commands, by name. */
export function allCommands(list: readonly Capability[] = capabilityList()): Record<string, CommandEntry> {
  return Object.fromEntries(list.flatMap((capability) => Object.entries(capability.cli ?? {})));
}

/** The route plugins of every capability, in registry order. */
export function allRoutes(list: readonly Capability[] = capabilityList()): RouteEntry[] {
  return list.flatMap((capability) => capability.routes ?? []);
}

/**
 * The job worker's handlers: one per declared kind, loading its capability's module at the first job of
 * that kind. Periodic jobs queue their next run first (store/scheduler).
 */
export function allJobHandlers(list: readonly Capability[] = capabilityList()): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const capability of list) {
    const { jobs, schedules } = capability;
    for (const kind of jobs?.kinds ?? []) {
      handlers[kind] = async (job, store) => {
        const handler = (await jobs?.load())?.[kind];
        if (!handler)
          throw new Error(`${capability.name} declares job kind ${kind} but has no handler for it`);
        await handler(job, store);
      };
    }
    for (const kind of schedules?.kinds ?? []) {
      handlers[kind] = async (job, store) => {
        const [periodic, { periodicHandlers }] = await Promise.all([
          periodicJob(capability, kind),
          import('./store/scheduler.ts'),
        ]);
        await periodicHandlers([periodic])[kind](job, store);
      };
    }
  }
  return handlers;
}

async function periodicJob(capability: Capability, kind: string): Promise<PeriodicJob> {
  const job = (await capability.schedules?.load())?.find((j) => j.kind === kind);
  if (!job) throw new Error(`${capability.name} declares periodic job ${kind} but does not define it`);
  return job;
}

/** At server start: queues a first run of every periodic job that has none queued or running. */
export async function scheduleAll(store: Pick<Store, 'db'>, list = capabilityList()): Promise<void> {
  const { schedulePeriodic } = await import('./store/scheduler.ts');
  for (const capability of list) {
    const kinds = capability.schedules?.kinds ?? [];
    if (kinds.length === 0) continue;
    await schedulePeriodic(store, await Promise.all(kinds.map((kind) => periodicJob(capability, kind))));
  }
}

/** Default concurrency per job kind, from the manifests. */
export function defaultJobConcurrency(
  list: readonly Capability[] = capabilityList(),
): Record<string, number> {
  return Object.assign({}, ...list.map((capability) => capability.jobs?.concurrency ?? {}));
}

/** The personal-data implementations of every capability that holds persons, with its name. */
export async function personalDataHolders(
  list: readonly Capability[] = capabilityList(),
): Promise<{ name: string; personalData: PersonalData }[]> {
  const holders = list.flatMap((c) => (c.personalData ? [{ name: c.name, load: c.personalData }] : []));
  return Promise.all(holders.map(async ({ name, load }) => ({ name, personalData: await load() })));
}
