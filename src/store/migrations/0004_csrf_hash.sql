-- CSRF tokens are no longer stored in the clear: sessions.csrf_token now holds the SHA-256 of a token derived
-- from the session token (src/access/sessions.ts). Sessions made before hold a clear token that the new code
-- does not accept anyway; they are ended here (everyone logs in once more) so no clear token stays behind.
DELETE FROM sessions;
COMMENT ON COLUMN sessions.csrf_token IS 'SHA-256 (hex) of the CSRF token, which is derived from the session token';
