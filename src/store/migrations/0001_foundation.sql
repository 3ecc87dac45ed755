-- Foundation: organisations, users, sessions, the audit chain, durable jobs.
-- Requests run as the role ketenplein_app with row-level security; the owner runs migrations and system jobs.

DO $$ BEGIN
  CREATE ROLE ketenplein_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$ BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO ketenplein_app', current_schema());
END $$;

-- The organisation and scope of the current request, set by the access layer per transaction.
CREATE FUNCTION ketenplein_org() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('ketenplein.org_id', true), '')::uuid $$;
CREATE FUNCTION ketenplein_chain_scope() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('ketenplein.chain_scope', true), '') = 'on' $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  type text NOT NULL CHECK (type IN (
    'police_unit', 'labour_inspectorate', 'kmar', 'public_prosecution', 'municipality',
    'care_coordination', 'shelter', 'ngo', 'comensha', 'fiu', 'ministry', 'school')),
  cbs_code text CHECK (cbs_code ~ '^GM[0-9]{4}$'),
  region text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((type = 'municipality') = (cbs_code IS NOT NULL))
);
-- The directory of chain partners is not personal data: every user may read it; changes go through the access layer.
GRANT SELECT, UPDATE ON organisations TO ketenplein_app;
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY organisations_read ON organisations FOR SELECT USING (true);
CREATE POLICY organisations_write ON organisations FOR UPDATE USING (id = ketenplein_org());

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['intake', 'triage', 'investigator', 'care_coordinator',
    'municipal_coordinator', 'analyst', 'privacy_officer', 'admin']::text[]),
  totp_secret text,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_org ON users (org_id);
GRANT SELECT, INSERT, UPDATE ON users TO ketenplein_app;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_own_org ON users USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- Sessions are handled by the login module as owner, before any actor exists.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The audit log is a hash chain: each entry's hash covers its content and the previous hash.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id uuid,
  org_id uuid,
  role text,
  purpose text,
  action text NOT NULL,
  resource text NOT NULL,
  record_ids text[] NOT NULL DEFAULT '{}',
  fields text[] NOT NULL DEFAULT '{}',
  result text NOT NULL CHECK (result IN ('allowed', 'denied', 'failed')),
  reason text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, seq DESC);
CREATE INDEX audit_log_records ON audit_log USING gin (record_ids);
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

-- Append-only for everyone: no grant allows it, and the trigger stops even the owner.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
GRANT SELECT, INSERT ON audit_log TO ketenplein_app;
GRANT SELECT, UPDATE ON audit_head TO ketenplein_app;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (true);

-- Durable jobs (retention, crawls, imports): they survive restarts because they live here.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('queued', 'running');
