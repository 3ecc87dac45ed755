-- Login and sessions without the owner connection (issue 10, finding 10, the remainder). See SECURITY.md,
-- "Least privilege in the database".
--
-- The request role still cannot read or write credentials or the sessions table. Login and session work
-- run on the request connections through these SECURITY DEFINER functions, in two kinds:
--  * Session functions take the SHA-256 of a session token. The token lives only in the user's httpOnly
--    cookie and its hash only in `sessions`, which the request role cannot read: knowing the hash is the
--    right to use (or end) that one session, so they need no further check.
--  * Credential functions (reading a password hash or TOTP secret, counting failed logins, setting a
--    password or second factor, starting a session) answer only inside a transaction whose signed scope
--    (src/access/db-scope.ts) carries the purpose `ketenplein:authentication`. No user can ask for that
--    purpose (it is no purpose of any role), and the signature needs the scope key the database keeps from
--    the request role, so SQL injected into a request cannot call them.

CREATE FUNCTION ketenplein_auth_guard() RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF ketenplein_purpose() IS DISTINCT FROM 'ketenplein:authentication' THEN
    RAISE EXCEPTION 'credentials are reachable only from a signed authentication scope'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

-- The login candidate by e-mail (case-insensitive), with what the password and TOTP check need.
CREATE FUNCTION ketenplein_auth_user(p_email text) RETURNS TABLE (
  id uuid, org_id uuid, email text, name text, password_hash text, roles text[], totp_secret text,
  totp_last_step integer, disabled boolean, org_type text, org_name text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  RETURN QUERY SELECT u.id, u.org_id, u.email, u.name, u.password_hash, u.roles, u.totp_secret,
    u.totp_last_step, u.disabled, o.type, o.name
  FROM users u JOIN organisations o ON o.id = u.org_id WHERE lower(u.email) = lower(p_email);
END $$;

-- The password hash of one user, to confirm the current password before a change.
CREATE FUNCTION ketenplein_auth_password_hash(p_user uuid) RETURNS text LANGUAGE plpgsql STABLE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  RETURN (SELECT u.password_hash FROM users u WHERE u.id = p_user);
END $$;

-- Reserves one login attempt atomically (src/access/lockout.ts); null when the account is locked.
CREATE FUNCTION ketenplein_auth_reserve(p_user uuid, p_max integer, p_until timestamptz, p_now timestamptz)
RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE attempt integer;
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET
    failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= p_now THEN 1 ELSE failed_logins + 1 END,
    locked_until = CASE
      WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= p_now THEN 1 ELSE failed_logins + 1 END) >= p_max
        THEN p_until
      WHEN locked_until IS NOT NULL AND locked_until <= p_now THEN NULL
      ELSE locked_until END
  WHERE id = p_user AND (locked_until IS NULL OR locked_until <= p_now)
  RETURNING failed_logins INTO attempt;
  RETURN attempt;
END $$;

-- Gives an attempt back (the password was right, the TOTP code is still to come).
CREATE FUNCTION ketenplein_auth_refund(p_user uuid, p_locked_now boolean) RETURNS void LANGUAGE plpgsql
VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET failed_logins = GREATEST(failed_logins - 1, 0),
    locked_until = CASE WHEN p_locked_now THEN NULL ELSE locked_until END
  WHERE id = p_user;
END $$;

-- A successful login: the counter back to zero, the TOTP step used (only forward: two logins racing with
-- one code, only the first gets a session), and the new session. False when the step was already used.
CREATE FUNCTION ketenplein_auth_start_session(p_user uuid, p_step integer, p_token_hash text,
  p_csrf_hash text, p_now timestamptz, p_expires timestamptz) RETURNS boolean LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET failed_logins = 0, locked_until = NULL, totp_last_step = coalesce(p_step, totp_last_step)
  WHERE id = p_user AND (p_step IS NULL OR totp_last_step IS NULL OR totp_last_step < p_step);
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO sessions (token_hash, user_id, csrf_token, last_seen_at, expires_at)
  VALUES (p_token_hash, p_user, p_csrf_hash, p_now, p_expires);
  RETURN true;
END $$;

CREATE FUNCTION ketenplein_auth_set_password(p_user uuid, p_hash text) RETURNS void LANGUAGE plpgsql
VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET password_hash = p_hash WHERE id = p_user;
END $$;

-- Enrols a second factor (the secret encrypted by the app); the enrolment code's step counts as used.
CREATE FUNCTION ketenplein_auth_set_totp(p_user uuid, p_secret text, p_step integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ketenplein_auth_guard();
  UPDATE users SET totp_secret = p_secret, totp_last_step = p_step WHERE id = p_user;
END $$;

-- Ends every session of a user but the one with p_keep_hash (none when null).
CREATE FUNCTION ketenplein_auth_end_sessions(p_user uuid, p_keep_hash text) RETURNS integer LANGUAGE plpgsql
VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE ended integer;
BEGIN
  PERFORM ketenplein_auth_guard();
  DELETE FROM sessions WHERE user_id = p_user AND (p_keep_hash IS NULL OR token_hash <> p_keep_hash);
  GET DIAGNOSTICS ended = ROW_COUNT;
  RETURN ended;
END $$;

-- The session of a token hash and its user (no credential), sliding its idle expiry. An unknown, foreign
-- (CSRF hash does not fit), expired or disabled one gives no row; expired and disabled ones are removed.
-- The slide is written only when the last one is older than p_slide_after: not every read a write.
CREATE FUNCTION ketenplein_session(p_token_hash text, p_csrf_hash text, p_now timestamptz,
  p_idle interval, p_absolute interval, p_slide_after interval)
RETURNS TABLE (user_id uuid, org_id uuid, email text, name text, roles text[], totp_enabled boolean,
  org_type text, org_name text, expires_at timestamptz)
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
    next_expiry;
END $$;

-- Ends one session (logout): the token hash is the right to it.
CREATE FUNCTION ketenplein_session_end(p_token_hash text) RETURNS void LANGUAGE sql VOLATILE
SECURITY DEFINER SET search_path FROM CURRENT AS $$ DELETE FROM sessions WHERE token_hash = p_token_hash $$;

DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['ketenplein_auth_guard()', 'ketenplein_auth_user(text)',
    'ketenplein_auth_password_hash(uuid)', 'ketenplein_auth_reserve(uuid, integer, timestamptz, timestamptz)',
    'ketenplein_auth_refund(uuid, boolean)',
    'ketenplein_auth_start_session(uuid, integer, text, text, timestamptz, timestamptz)',
    'ketenplein_auth_set_password(uuid, text)', 'ketenplein_auth_set_totp(uuid, text, integer)',
    'ketenplein_auth_end_sessions(uuid, text)',
    'ketenplein_session(text, text, timestamptz, interval, interval, interval)',
    'ketenplein_session_end(text)'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ketenplein_app', f);
  END LOOP;
END $$;
