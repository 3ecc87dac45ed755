-- A TOTP code is valid for its 30-second step (and one step either side, for clock drift); the last
-- step used is kept so that a code seen once (over a shoulder, in a proxy log) cannot log in again.
ALTER TABLE users ADD COLUMN totp_last_step integer;
