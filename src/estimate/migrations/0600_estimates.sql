-- Zicht op omvang: stored estimates (aggregates only) and PPRL estimation rounds.
-- Requests run as ketenplein_app under row-level security; the linking job runs as owner.

-- Estimation rounds: an analyst's organisation opens one, partner organisations each upload one encoded list.
CREATE TABLE estimation_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- NULL: the linkage engine's calibrated default.
  threshold double precision CHECK (threshold > 0 AND threshold <= 1),
  strata text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linking', 'linked', 'failed')),
  -- The capture-pattern table (counts only) once linked; never scores or record pairs.
  capture_table jsonb,
  clusters integer,
  error text,
  linked_at timestamptz
);
CREATE INDEX estimation_rounds_org ON estimation_rounds (org_id, created_at DESC);

CREATE TABLE estimation_round_lists (
  round_id uuid NOT NULL REFERENCES estimation_rounds(id) ON DELETE CASCADE,
  list text NOT NULL CHECK (list ~ '^[A-Za-z][A-Za-z0-9_]{0,30}$'),
  position integer NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations(id),
  uploaded_at timestamptz,
  uploaded_by uuid REFERENCES users(id),
  records integer,
  -- Checked at upload so that a list made with other settings or another secret is refused at once.
  fingerprint text,
  settings_digest text,
  content_digest text,
  PRIMARY KEY (round_id, list)
);
CREATE INDEX estimation_round_lists_org ON estimation_round_lists (org_id);

-- The encodings themselves: written by the partner, read only by the linking job (owner), deleted once linked.
CREATE TABLE estimation_round_encodings (
  round_id uuid NOT NULL,
  list text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations(id),
  data text NOT NULL,
  PRIMARY KEY (round_id, list),
  FOREIGN KEY (round_id, list) REFERENCES estimation_round_lists(round_id, list) ON DELETE CASCADE
);

-- Whether the current organisation owns or takes part in a round. SECURITY DEFINER so that the list
-- policy can ask about lists without recursing into itself; ketenplein_app cannot create objects, so
-- the unqualified names cannot be hijacked through the search path.
CREATE FUNCTION ketenplein_in_round(r uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM estimation_rounds WHERE id = r AND org_id = ketenplein_org())
      OR EXISTS (SELECT 1 FROM estimation_round_lists WHERE round_id = r AND org_id = ketenplein_org())
$$;
CREATE FUNCTION ketenplein_owns_round(r uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT EXISTS (SELECT 1 FROM estimation_rounds WHERE id = r AND org_id = ketenplein_org())
$$;

GRANT SELECT, INSERT ON estimation_rounds TO ketenplein_app;
ALTER TABLE estimation_rounds ENABLE ROW LEVEL SECURITY;
CREATE POLICY estimation_rounds_read ON estimation_rounds FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_in_round(id));
CREATE POLICY estimation_rounds_open ON estimation_rounds FOR INSERT WITH CHECK (org_id = ketenplein_org());

GRANT SELECT, INSERT ON estimation_round_lists TO ketenplein_app;
GRANT UPDATE (uploaded_at, uploaded_by, records, fingerprint, settings_digest, content_digest)
  ON estimation_round_lists TO ketenplein_app;
ALTER TABLE estimation_round_lists ENABLE ROW LEVEL SECURITY;
CREATE POLICY estimation_round_lists_read ON estimation_round_lists FOR SELECT USING (ketenplein_in_round(round_id));
CREATE POLICY estimation_round_lists_open ON estimation_round_lists FOR INSERT
  WITH CHECK (ketenplein_owns_round(round_id));
-- Only the organisation a list belongs to fills it in.
CREATE POLICY estimation_round_lists_upload ON estimation_round_lists FOR UPDATE
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- Insert only: no request, not even the uploader's, reads encodings back.
GRANT INSERT ON estimation_round_encodings TO ketenplein_app;
ALTER TABLE estimation_round_encodings ENABLE ROW LEVEL SECURITY;
CREATE POLICY estimation_round_encodings_upload ON estimation_round_encodings FOR INSERT
  WITH CHECK (org_id = ketenplein_org());

-- Stored estimates: inputs (a capture table, counts only), settings and the result, so that any can be re-run.
CREATE TABLE estimates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  source text NOT NULL CHECK (source IN ('table', 'records', 'round')),
  round_id uuid REFERENCES estimation_rounds(id),
  rerun_of uuid REFERENCES estimates(id),
  input jsonb NOT NULL,
  settings jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer NOT NULL DEFAULT 0,
  result jsonb,
  error text,
  finished_at timestamptz
);
CREATE INDEX estimates_org ON estimates (org_id, created_at DESC);
-- Results are immutable for requests: only the job (owner) fills in a queued one.
GRANT SELECT, INSERT ON estimates TO ketenplein_app;
ALTER TABLE estimates ENABLE ROW LEVEL SECURITY;
CREATE POLICY estimates_own_org ON estimates USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());
