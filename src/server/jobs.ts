import { auditJobHandlers } from '../access/audit-job.ts';
import { crawlerJobHandlers } from '../crawler/service.ts';
import { estimateJobHandlers } from '../estimate/app/jobs.ts';
import { privacyJobHandlers } from '../privacy/retention.ts';
import type { JobHandler } from '../store/jobs.ts';

/** Every capability's durable job handlers, run by the worker the server starts. Each adds one line. */
export const jobHandlers: Record<string, JobHandler> = {
  ...estimateJobHandlers,
  ...crawlerJobHandlers,
  ...privacyJobHandlers,
  ...auditJobHandlers,
};

/**
 * Jobs of one kind a process runs at once, from `KETENPLEIN_JOB_CONCURRENCY` (`kind=n,kind=n`); kinds not
 * named run one at a time. Crawls wait on the network (and on their politeness delay), so two by default.
 */
export function jobConcurrency(env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const concurrency: Record<string, number> = { 'crawler.crawl': 2 };
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
