-- Least privilege in the database (issue 10, finding 10). See SECURITY.md, "Least privilege in the database".
--
-- 1. The request scope (organisation, purpose, chain-wide) can no longer be set by SQL the request role can
--    run: the access layer sets it together with an HMAC (key held by the app process and, here, in an
--    owner-only table) over the scope and a nonce of this backend and transaction. Every policy reads the
--    scope through ketenplein_org() / ketenplein_chain_scope() / ketenplein_purpose(), which now return the
--    scope only when the HMAC verifies; a forged set_config gives no organisation at all.
-- 2. Credentials (password hash, TOTP secret) are not readable or writable by the request role.
-- 3. The audit head moves only through SECURITY DEFINER functions, forward onto entries that continue it.
-- 4. sessions, jobs and audit_head get row-level security; every table with personal data FORCEs it.
-- 5. A login role that owns nothing, for the request connections on PostgreSQL.

-- The scope key, as HMAC-SHA256's inner and outer padded keys (key XOR ipad / opad, made by the app), so
-- that SQL's sha256() computes a real HMAC. Owner only: no grant, and RLS without a policy.
CREATE TABLE ketenplein_scope_key (
  id integer PRIMARY KEY CHECK (id = 1),
  inner_key bytea NOT NULL,
  outer_key bytea NOT NULL
);
REVOKE ALL ON ketenplein_scope_key FROM PUBLIC;
ALTER TABLE ketenplein_scope_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE ketenplein_scope_key FORCE ROW LEVEL SECURITY;

-- What binds a scope to one transaction of one backend: the app reads it, signs it with the scope, and
-- the check below recomputes it. Neither can be changed by SQL (time zone settings do not touch an epoch).
CREATE FUNCTION ketenplein_scope_nonce() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT pg_backend_pid()::text || ':' || extract(epoch FROM transaction_timestamp())::text $$;

-- True when the scope settings of this transaction carry a valid HMAC. SECURITY DEFINER: only it reads the key.
CREATE FUNCTION ketenplein_scope_ok() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
  SELECT coalesce(current_setting('ketenplein.scope_mac', true), '') = encode(sha256(k.outer_key || sha256(
    k.inner_key || convert_to(
      coalesce(current_setting('ketenplein.org_id', true), '') || '|' ||
      coalesce(current_setting('ketenplein.purpose', true), '') || '|' ||
      coalesce(current_setting('ketenplein.chain_scope', true), '') || '|' || ketenplein_scope_nonce(),
      'UTF8'))), 'hex')
  FROM ketenplein_scope_key k WHERE k.id = 1
$$;
REVOKE ALL ON FUNCTION ketenplein_scope_ok() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ketenplein_scope_ok() TO ketenplein_app;

-- The same names every policy already uses, now answering only for a verified scope (replaced in place,
-- so the policies keep pointing at them).
CREATE OR REPLACE FUNCTION ketenplein_org() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT CASE WHEN ketenplein_scope_ok() THEN NULLIF(current_setting('ketenplein.org_id', true), '')::uuid END $$;
CREATE OR REPLACE FUNCTION ketenplein_chain_scope() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('ketenplein.chain_scope', true), '') = 'on' AND coalesce(ketenplein_scope_ok(), false) $$;
CREATE OR REPLACE FUNCTION ketenplein_purpose() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT CASE WHEN ketenplein_scope_ok() THEN NULLIF(current_setting('ketenplein.purpose', true), '') END $$;

-- Hardens the tables of one migration: FORCE row-level security (the owner, unless superuser or BYPASSRLS,
-- obeys the policies too) and rewrites each policy so the scope functions run once per query as an
-- InitPlan `(SELECT ketenplein_org())` instead of once per row (each call verifies an HMAC).
-- Every migration that adds a table with personal data calls it (test/security/db-least-privilege.test.ts
-- fails for a table without FORCE).
CREATE FUNCTION ketenplein_harden(tables text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
  p record;
  -- A call not yet inside a sub-select (the deparsed policy shows a wrapped one as `SELECT ketenplein_org() AS`).
  bare constant text := '(?<!SELECT )(ketenplein_(org|chain_scope|purpose)\(\))';
BEGIN
  FOREACH t IN ARRAY tables LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    FOR p IN SELECT policyname, qual, with_check FROM pg_policies
             WHERE schemaname = current_schema() AND tablename = t LOOP
      IF p.qual IS NOT NULL AND p.qual ~ bare THEN
        EXECUTE format('ALTER POLICY %I ON %I USING (%s)', p.policyname, t,
          regexp_replace(p.qual, bare, '(SELECT \1)', 'g'));
      END IF;
      IF p.with_check IS NOT NULL AND p.with_check ~ bare THEN
        EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', p.policyname, t,
          regexp_replace(p.with_check, bare, '(SELECT \1)', 'g'));
      END IF;
    END LOOP;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION ketenplein_harden(text[]) FROM PUBLIC;

-- Credentials: the request role reads and changes users only through the columns it needs. Whether a user
-- has a second factor is a generated column, so listing users needs no secret.
ALTER TABLE users ADD COLUMN totp_enabled boolean GENERATED ALWAYS AS (totp_secret IS NOT NULL) STORED;
REVOKE SELECT, INSERT, UPDATE ON users FROM ketenplein_app;
GRANT SELECT (id, org_id, email, name, roles, totp_enabled, failed_logins, locked_until, disabled, created_at)
  ON users TO ketenplein_app;
-- Creating a user sets its first password hash (made by the app from the admin's input): insert only.
GRANT INSERT (id, org_id, email, name, password_hash, roles, disabled, created_at) ON users TO ketenplein_app;
GRANT UPDATE (name, roles, disabled, locked_until, failed_logins) ON users TO ketenplein_app;

-- Sessions: disabling a user ends its sessions, within its own organisation.
GRANT SELECT (user_id), DELETE ON sessions TO ketenplein_app;
CREATE POLICY sessions_end_own_org ON sessions FOR DELETE TO ketenplein_app
  USING (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id));
CREATE POLICY sessions_see_own_org ON sessions FOR SELECT TO ketenplein_app
  USING (EXISTS (SELECT 1 FROM users u WHERE u.id = user_id));

-- Jobs: a request may enqueue and learn the new id (the column grant of 0002 keeps payloads unreadable).
CREATE POLICY jobs_enqueue ON jobs FOR INSERT TO ketenplein_app WITH CHECK (true);
CREATE POLICY jobs_returning_id ON jobs FOR SELECT TO ketenplein_app USING (true);

-- The audit head: no direct access; locked and read, and advanced, through these two functions.
REVOKE ALL ON audit_head FROM ketenplein_app;
CREATE FUNCTION ketenplein_audit_head() RETURNS TABLE (seq bigint, hash text) LANGUAGE sql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT h.seq, h.hash FROM audit_head h WHERE h.id = 1 FOR UPDATE
$$;
-- Reads the head without locking it, for `audit verify` inside a request (a long read must not stall appenders).
CREATE FUNCTION ketenplein_audit_head_now() RETURNS TABLE (seq bigint, hash text) LANGUAGE sql STABLE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT h.seq, h.hash FROM audit_head h WHERE h.id = 1
$$;
-- Moves the head to entry `to_seq`, only forward and only when the first new entry continues the head.
CREATE FUNCTION ketenplein_audit_advance(to_seq bigint) RETURNS void LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head audit_head%ROWTYPE;
  last_hash text;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  IF to_seq <= head.seq OR NOT EXISTS (
    SELECT 1 FROM audit_log WHERE seq = head.seq + 1 AND prev_hash = head.hash) THEN
    RAISE EXCEPTION 'audit head can only advance onto entries that continue it' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT a.hash INTO last_hash FROM audit_log a WHERE a.seq = to_seq;
  IF last_hash IS NULL THEN
    RAISE EXCEPTION 'audit entry % does not exist', to_seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE audit_head SET seq = to_seq, hash = last_hash WHERE id = 1;
END $$;
REVOKE ALL ON FUNCTION ketenplein_audit_head() FROM PUBLIC;
REVOKE ALL ON FUNCTION ketenplein_audit_advance(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION ketenplein_audit_head_now() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ketenplein_audit_head_now() TO ketenplein_app;
GRANT EXECUTE ON FUNCTION ketenplein_audit_head() TO ketenplein_app;
GRANT EXECUTE ON FUNCTION ketenplein_audit_advance(bigint) TO ketenplein_app;

SELECT ketenplein_harden(ARRAY['organisations', 'users', 'sessions', 'audit_log', 'audit_head', 'jobs',
  'data_subject_requests']);

-- The login role of the request connections on PostgreSQL: it owns nothing and has no privilege of its own
-- (NOINHERIT); it may only become ketenplein_app. Roles are cluster-wide, so made once; an owner without
-- CREATEROLE leaves it to the DBA (SECURITY.md).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ketenplein_login') THEN
    CREATE ROLE ketenplein_login LOGIN NOINHERIT;
  END IF;
  GRANT ketenplein_app TO ketenplein_login;
EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
  RAISE NOTICE 'ketenplein_login not created (%): create it as DBA, see SECURITY.md', SQLERRM;
END $$;
