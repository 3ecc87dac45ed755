import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { onAuditAppend } from '../access/audit.ts';
import type { Store } from '../store/connect.ts';

/**
 * Observability for operators: `/metrics` in Prometheus text format (request latency per route,
 * job queue depth and age per kind, job outcomes, audit append latency, database pool use, the process's
 * own figures),
 * and a request id on every request: taken from `X-Request-Id` when a proxy set one, else new;
 * in every log line (pino's reqId), in the `X-Request-Id` answer header and in every error body.
 * Labels carry route patterns, never URLs, so no id or name ends up in a metric.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Fastify's genReqId: a proxy's id when it looks like one, else a fresh UUID (unique across processes). */
export function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = Array.isArray(given) ? given[0] : given;
  return id && /^[\w.:-]{1,128}$/.test(id) ? id : randomUUID();
}

export interface Metrics {
  registry: Registry;
  jobFinished: (kind: string, outcome: 'done' | 'failed', ms: number) => void;
}

const perStore = new WeakMap<Store, Metrics>();

/** One set of metrics per store (per process in production), shared by the app and the job worker. */
export function metricsFor(store: Store): Metrics {
  let metrics = perStore.get(store);
  if (!metrics) {
    metrics = createMetrics(store);
    perStore.set(store, metrics);
  }
  return metrics;
}

function createMetrics(store: Store): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ketenplein_' });
  new Histogram({
    name: 'ketenplein_http_request_duration_seconds',
    help: 'HTTP request latency per route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'ketenplein_job_duration_seconds',
    help: 'Duration of jobs run by this process, per kind and outcome',
    labelNames: ['kind', 'outcome'],
    buckets: [0.1, 1, 10, 60, 300, 1800],
    registers: [registry],
  });
  // Read at scrape time from the database every process shares; one query serves both gauges of a
  // scrape (prom-client collects the metrics side by side).
  const scrapeErrors = new Counter({
    name: 'ketenplein_job_queue_scrape_errors_total',
    help: 'Scrapes where the job queue could not be read',
    registers: [registry],
  });
  type QueueRow = { kind: string; status: string; n: number; oldest: number | null };
  let snapshot: { at: number; rows: Promise<QueueRow[]> } | null = null;
  const queue = (): Promise<QueueRow[]> => {
    if (!snapshot || Date.now() - snapshot.at > 1000) {
      const rows = sql<QueueRow>`
        SELECT kind, status, count(*)::int AS n,
               extract(epoch FROM now() - min(run_at) FILTER (WHERE status = 'queued' AND run_at <= now()))::float8 AS oldest
        FROM jobs WHERE status IN ('queued', 'running') GROUP BY kind, status`
        .execute(store.db)
        .then((result) => result.rows)
        .catch(() => {
          scrapeErrors.inc();
          return [];
        });
      snapshot = { at: Date.now(), rows };
    }
    return snapshot.rows;
  };
  const depth: Gauge = new Gauge({
    name: 'ketenplein_job_queue_depth',
    help: 'Jobs queued or running, per kind and status (all processes)',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      const rows = await queue();
      depth.reset();
      for (const row of rows) depth.set({ kind: row.kind, status: row.status }, row.n);
    },
  });
  const age: Gauge = new Gauge({
    name: 'ketenplein_job_queue_oldest_due_seconds',
    help: 'How long the oldest due, queued job of a kind has waited',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const rows = await queue();
      age.reset();
      for (const row of rows) if (row.oldest !== null) age.set({ kind: row.kind }, row.oldest);
    },
  });
  const pool: Gauge = new Gauge({
    name: 'ketenplein_db_pool_connections',
    help: 'Database connections of this process: total, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = store.poolStats?.();
      if (!stats) return;
      pool.set({ state: 'total' }, stats.total);
      pool.set({ state: 'idle' }, stats.idle);
      pool.set({ state: 'waiting' }, stats.waiting);
    },
  });
  // Every append to the audit chain waits for the chain's head (one writer at a time): its latency shows
  // contention on the chain before requests slow down.
  const audit = new Histogram({
    name: 'ketenplein_audit_append_duration_seconds',
    help: 'Latency of appending entries to the audit hash chain (lock of the head, insert, head update), per append',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const auditEntries = new Counter({
    name: 'ketenplein_audit_entries_total',
    help: 'Audit entries appended by this process',
    registers: [registry],
  });
  onAuditAppend((seconds, entries) => {
    audit.observe(seconds);
    auditEntries.inc(entries);
  });
  return {
    registry,
    jobFinished: (kind, outcome, ms) => jobs.observe({ kind, outcome }, ms / 1000),
  };
}

/** Adds the request timing, the request id header and `/metrics` to the app. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  const latency = metrics.registry.getSingleMetric('ketenplein_http_request_duration_seconds') as Histogram;
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern (`/api/v1/signals/:id`); requests no route matched share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Content-Type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
