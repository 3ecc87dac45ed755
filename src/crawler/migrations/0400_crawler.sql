-- The webcrawler: authorisations (an investigation's crawl mandate), site adapters, crawl runs with
-- their frontier, immutable page snapshots and errors. Everything carries its investigation and
-- organisation; row-level security keeps it to the organisation; retention deletes it after the
-- investigation closes.

-- A crawl mandate within one criminal investigation: who, on what legal basis, until when, which sites and terms.
CREATE TABLE crawl_investigations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  case_ref text NOT NULL CHECK (length(case_ref) BETWEEN 2 AND 100),
  purpose text NOT NULL DEFAULT 'criminal_investigation' CHECK (purpose = 'criminal_investigation'),
  legal_basis text NOT NULL CHECK (length(legal_basis) >= 5),
  ends_on date NOT NULL,
  sites text[] NOT NULL CHECK (cardinality(sites) >= 1),
  terms text[] NOT NULL DEFAULT '{}',
  retention_months integer NOT NULL DEFAULT 6 CHECK (retention_months BETWEEN 0 AND 120),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX crawl_investigations_org ON crawl_investigations (org_id);

-- Site adapters are configuration (validated JSON), added without a deploy.
CREATE TABLE crawl_adapters (
  org_id uuid NOT NULL REFERENCES organisations(id),
  id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  config jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE crawl_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  investigation_id uuid NOT NULL REFERENCES crawl_investigations(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  adapter_id text NOT NULL,
  adapter jsonb NOT NULL,
  max_pages integer CHECK (max_pages > 0),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'paused', 'done', 'failed')),
  pages_fetched integer NOT NULL DEFAULT 0,
  started_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX crawl_runs_investigation ON crawl_runs (investigation_id);

-- The frontier: every URL ever queued in a run, once; its state makes a restart resume without refetching.
CREATE TABLE crawl_frontier (
  crawl_id uuid NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  seq bigserial,
  url text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('listing', 'ad', 'image')),
  depth integer NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_progress', 'done', 'failed', 'skipped')),
  PRIMARY KEY (crawl_id, url)
);
CREATE INDEX crawl_frontier_pending ON crawl_frontier (crawl_id, seq) WHERE state = 'pending';

-- Snapshots are evidence: immutable versions of a page with a content hash. A changed page adds a version.
CREATE TABLE crawl_snapshots (
  id bigserial PRIMARY KEY,
  investigation_id uuid NOT NULL REFERENCES crawl_investigations(id) ON DELETE CASCADE,
  crawl_id uuid NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  url text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('listing', 'ad', 'image')),
  version integer NOT NULL,
  fetched_at timestamptz NOT NULL,
  status integer NOT NULL,
  content_type text NOT NULL,
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  body bytea NOT NULL,
  fields jsonb,
  UNIQUE (investigation_id, url, version)
);
CREATE INDEX crawl_snapshots_latest ON crawl_snapshots (crawl_id, kind, url, version DESC);

CREATE FUNCTION crawl_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'crawl_snapshots are immutable evidence (UPDATE refused)' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER crawl_snapshots_no_update BEFORE UPDATE ON crawl_snapshots
  FOR EACH ROW EXECUTE FUNCTION crawl_snapshots_immutable();

CREATE TABLE crawl_errors (
  id bigserial PRIMARY KEY,
  crawl_id uuid NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  url text NOT NULL,
  kind text NOT NULL,
  detail text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crawl_errors_crawl ON crawl_errors (crawl_id, id);

-- Requests see only their own organisation's crawler data; deleting is left to the retention job (owner).
GRANT SELECT, INSERT, UPDATE ON crawl_investigations, crawl_adapters, crawl_runs TO ketenplein_app;
GRANT SELECT ON crawl_frontier, crawl_snapshots, crawl_errors TO ketenplein_app;
ALTER TABLE crawl_investigations ENABLE ROW LEVEL SECURITY;
ALTER TABLE crawl_adapters ENABLE ROW LEVEL SECURITY;
ALTER TABLE crawl_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE crawl_frontier ENABLE ROW LEVEL SECURITY;
ALTER TABLE crawl_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE crawl_errors ENABLE ROW LEVEL SECURITY;
CREATE POLICY crawl_investigations_org ON crawl_investigations USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());
CREATE POLICY crawl_adapters_org ON crawl_adapters USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());
CREATE POLICY crawl_runs_org ON crawl_runs USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());
CREATE POLICY crawl_frontier_org ON crawl_frontier FOR SELECT USING (org_id = ketenplein_org());
CREATE POLICY crawl_snapshots_org ON crawl_snapshots FOR SELECT USING (org_id = ketenplein_org());
CREATE POLICY crawl_errors_org ON crawl_errors FOR SELECT USING (org_id = ketenplein_org());
