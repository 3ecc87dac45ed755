import { crawlerJobHandlers } from '../crawler/service.ts';
import { estimateJobHandlers } from '../estimate/app/jobs.ts';
import { privacyJobHandlers } from '../privacy/retention.ts';
import type { JobHandler } from '../store/jobs.ts';

/** Every capability's durable job handlers, run by the worker the server starts. Each adds one line. */
export const jobHandlers: Record<string, JobHandler> = {
  ...estimateJobHandlers,
  ...crawlerJobHandlers,
  ...privacyJobHandlers,
};
