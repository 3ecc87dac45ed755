import { parentPort, workerData } from 'node:worker_threads';
import { linkRegistrations, type RegistrationRecord } from './registrations.ts';

/** The worker side of `linkRegistrationsOffThread`: one linkage, its person per record or its error. */
try {
  const roots = linkRegistrations(workerData.records as RegistrationRecord[]);
  parentPort?.postMessage({ roots }, [roots.buffer as ArrayBuffer]);
} catch (error) {
  parentPort?.postMessage({ error: { message: error instanceof Error ? error.message : String(error) } });
}
