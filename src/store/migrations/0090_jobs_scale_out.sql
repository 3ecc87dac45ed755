-- Jobs on several processes (issue 12). A worker stamps the jobs it holds with its id, so a heartbeat,
-- a completion or a failure only lands while it still holds the lease: a worker that lost its lease
-- (paused, partitioned) cannot mark a job another worker has taken over.
ALTER TABLE jobs ADD COLUMN locked_by text;
-- Periodic jobs (daily retention) carry their kind as singleton key: at most one queued run per key,
-- however many processes schedule it at start.
ALTER TABLE jobs ADD COLUMN singleton_key text;
CREATE UNIQUE INDEX jobs_one_queued_per_singleton ON jobs (singleton_key)
  WHERE status = 'queued' AND singleton_key IS NOT NULL;
-- Queue depth and age per kind for /metrics without scanning finished jobs.
CREATE INDEX jobs_open_by_kind ON jobs (kind, run_at) WHERE status IN ('queued', 'running');
-- Daily jobs queued before this migration (possibly twice, by two starts): keep the earliest queued run of
-- each periodic kind and make it that kind's singleton.
DELETE FROM jobs j USING jobs k
  WHERE j.kind IN ('crawler.retention', 'privacy.signal_retention') AND j.status = 'queued'
    AND k.kind = j.kind AND k.status = 'queued' AND k.id < j.id;
UPDATE jobs SET singleton_key = kind
  WHERE kind IN ('crawler.retention', 'privacy.signal_retention') AND status = 'queued';
