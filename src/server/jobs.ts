import { allJobHandlers, defaultJobConcurrency } from '../capabilities.ts';
import type { JobHandler } from '../store/jobs.ts';

/**
 * Every capability's durable job handlers (its manifest's `jobs` and `schedules`), run by the worker the
 * server starts. A handler loads its capability's module at the first job of its kind.
 */
export const jobHandlers: Record<string, JobHandler> = allJobHandlers();

/**
 * Jobs of one kind a process runs at once, from `KETENPLEIN_JOB_CONCURRENCY` (`kind=n,kind=n`) over the
 * manifests' defaults (crawls wait on the network, so two); kinds not named run one at a time.
 */
export function jobConcurrency(
  env: NodeJS.ProcessEnv = process.env,
  defaults: Record<string, number> = defaultJobConcurrency(),
): Record<string, number> {
  const concurrency: Record<string, number> = { ...defaults };
  for (const part of (env.KETENPLEIN_JOB_CONCURRENCY ?? '').split(',').filter((p) => p.trim())) {
    const [kind, value] = part.split('=').map((p) => p.trim());
    const n = Number(value);
    if (!kind || !Number.isInteger(n) || n < 1) {
      throw new Error(`KETENPLEIN_JOB_CONCURRENCY: "${part}" is not kind=number (number ≥ 1)`);
    }
    concurrency[kind] = n;
  }
  return concurrency;
}
