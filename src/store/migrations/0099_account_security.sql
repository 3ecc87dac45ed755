-- Account security (issue 19, item 12). See SECURITY.md, "Account security".
--
-- A new user's first password is never made by someone else and shown on a screen: the user gets a one-time
-- set-password link. The link's token is random; the database keeps only its SHA-256, so a copy of the table
-- opens no account. A token is single use (used_at, set by the one UPDATE that accepts it), expires, and is
-- bound to one user. Like the credential functions of 0097, everything that issues, reads or uses a token
-- answers only inside the signed authentication scope (ketenplein_auth_guard), run as the request role.

CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- invite: the first password of a new account; reset: an admin's reset or "wachtwoord vergeten".
  kind text NOT NULL CHECK (kind IN ('invite', 'reset')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);
-- No grant to the request role at all: only the SECURITY DEFINER functions below touch it.
SELECT ketenplein_harden(ARRAY['account_tokens']);

-- A password someone else knew (the CLI's, an admin's chosen one) must be changed at the first login; the
-- last login is shown to admins. Neither is a credential: the request role may read both.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN last_login_at timestamptz;
GRANT SELECT (must_change_password, last_login_at) ON users TO ketenplein_app;
GRANT INSERT (must_change_password) ON users TO ketenplein_app;
-- An admin corrects a colleague's e-mail address (the route refuses one's own, and ends that user's sessions).
GRANT UPDATE (email) ON users TO ketenplein_app;

-- "Match, then talk": an organisation's contact point (a function mailbox and a phone number, no person).
ALTER TABLE organisations ADD COLUMN contact_mailbox text;
ALTER TABLE organisations ADD COLUMN contact_phone text;

-- Issues a token for one user: earlier unused tokens of the user end (only the newest link works).
CREATE FUNCTION ketenplein_auth_issue_token(p_user uuid, p_kind text, p_hash text, p_expires timestamptz,
  p_now timestamptz) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE account_tokens SET used_at = p_now WHERE user_id = p_user AND used_at IS NULL;
  INSERT INTO account_tokens (token_hash, user_id, kind, created_at, expires_at)
  VALUES (p_hash, p_user, p_kind, p_now, p_expires);
END $$;

-- Whose token it is (to greet the user on the page), without using it. No row: unknown, used or expired.
CREATE FUNCTION ketenplein_auth_peek_token(p_hash text, p_now timestamptz)
RETURNS TABLE (user_id uuid, org_id uuid, email text, name text, kind text) LANGUAGE plpgsql STABLE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  RETURN QUERY SELECT u.id, u.org_id, u.email, u.name, t.kind FROM account_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = p_hash AND t.used_at IS NULL AND t.expires_at > p_now AND NOT u.disabled;
END $$;

-- Uses a token and sets the password it was for, in one statement's worth of work: the token is marked used
-- by the UPDATE that finds it unused and unexpired (two racing uses: one wins), the password is set, the
-- forced change is done, failed logins and lockout end, and every session of the user ends.
CREATE FUNCTION ketenplein_auth_use_token(p_hash text, p_password_hash text, p_now timestamptz)
RETURNS TABLE (user_id uuid, org_id uuid, kind text) LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
  t account_tokens%ROWTYPE;
  o uuid;
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE account_tokens a SET used_at = p_now
  WHERE a.token_hash = p_hash AND a.used_at IS NULL AND a.expires_at > p_now
    AND EXISTS (SELECT 1 FROM users u WHERE u.id = a.user_id AND NOT u.disabled)
  RETURNING * INTO t;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE users SET password_hash = p_password_hash, must_change_password = false, failed_logins = 0,
    locked_until = NULL WHERE id = t.user_id RETURNING users.org_id INTO o;
  DELETE FROM sessions WHERE sessions.user_id = t.user_id;
  RETURN QUERY SELECT t.user_id, o, t.kind;
END $$;

-- An admin's reset: the old password stops working at once (a hash no password fits), every session ends,
-- and the next password must come through the new link.
CREATE FUNCTION ketenplein_auth_revoke_password(p_user uuid) RETURNS void LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET password_hash = '!reset', must_change_password = true WHERE id = p_user;
  DELETE FROM sessions WHERE user_id = p_user;
END $$;

-- Changing one's own password ends the forced change.
CREATE OR REPLACE FUNCTION ketenplein_auth_set_password(p_user uuid, p_hash text) RETURNS void LANGUAGE plpgsql
VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET password_hash = p_hash, must_change_password = false WHERE id = p_user;
END $$;

-- A successful login also records when (shown to the organisation's admins).
CREATE OR REPLACE FUNCTION ketenplein_auth_start_session(p_user uuid, p_step integer, p_token_hash text,
  p_csrf_hash text, p_now timestamptz, p_expires timestamptz) RETURNS boolean LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce(p_step, totp_last_step),
    last_login_at = p_now
  WHERE id = p_user AND (p_step IS NULL OR totp_last_step IS NULL OR totp_last_step < p_step);
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO sessions (token_hash, user_id, csrf_token, last_seen_at, expires_at)
  VALUES (p_token_hash, p_user, p_csrf_hash, p_now, p_expires);
  RETURN true;
END $$;

-- The session lookup also says whether the password must still be changed (the app then allows only the
-- account routes). Its result type changes, so it is dropped and made again.
DROP FUNCTION ketenplein_session(text, text, timestamptz, interval, interval, interval);
CREATE FUNCTION ketenplein_session(p_token_hash text, p_csrf_hash text, p_now timestamptz,
  p_idle interval, p_absolute interval, p_slide_after interval)
RETURNS TABLE (user_id uuid, org_id uuid, email text, name text, roles text[], totp_enabled boolean,
  org_type text, org_name text, expires_at timestamptz, must_change_password boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  s sessions%ROWTYPE;
  u users%ROWTYPE;
  o organisations%ROWTYPE;
  next_expiry timestamptz;
BEGIN
  SELECT * INTO s FROM sessions WHERE token_hash = p_token_hash;
  IF NOT FOUND OR s.csrf_token <> p_csrf_hash THEN RETURN; END IF;
  SELECT * INTO u FROM users WHERE id = s.user_id;
  IF u.disabled OR s.expires_at <= p_now THEN
    DELETE FROM sessions WHERE token_hash = p_token_hash;
    RETURN;
  END IF;
  SELECT * INTO o FROM organisations WHERE id = u.org_id;
  next_expiry := least(p_now + p_idle, s.created_at + p_absolute);
  IF p_now - s.last_seen_at > p_slide_after THEN
    UPDATE sessions SET last_seen_at = p_now, expires_at = next_expiry WHERE token_hash = p_token_hash;
  END IF;
  RETURN QUERY SELECT u.id, u.org_id, u.email, u.name, u.roles, u.totp_secret IS NOT NULL, o.type, o.name,
    next_expiry, u.must_change_password;
END $$;

-- The login candidate also says whether its password must still be changed.
DROP FUNCTION ketenplein_auth_user(text);
CREATE FUNCTION ketenplein_auth_user(p_email text) RETURNS TABLE (
  id uuid, org_id uuid, email text, name text, password_hash text, roles text[], totp_secret text,
  totp_last_step integer, disabled boolean, org_type text, org_name text, must_change_password boolean
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  RETURN QUERY SELECT u.id, u.org_id, u.email, u.name, u.password_hash, u.roles, u.totp_secret,
    u.totp_last_step, u.disabled, o.type, o.name, u.must_change_password
  FROM users u JOIN organisations o ON o.id = u.org_id WHERE lower(u.email) = lower(p_email);
END $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['ketenplein_auth_issue_token(uuid, text, text, timestamptz, timestamptz)',
    'ketenplein_auth_peek_token(text, timestamptz)', 'ketenplein_auth_use_token(text, text, timestamptz)',
    'ketenplein_auth_revoke_password(uuid)', 'ketenplein_auth_user(text)',
    'ketenplein_session(text, text, timestamptz, interval, interval, interval)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ketenplein_app', f);
  END LOOP;
END $$;
