-- Issue 12 item 6: an audit append in one round trip instead of three (lock and read the head, insert,
-- advance), so the head lock, which orders every audited transaction of every process, is held for one
-- statement plus the commit. The app computes the entries' keyed hashes from the head it expects (the
-- head its process wrote last); when another transaction moved the head meanwhile, nothing is written and
-- the locked head comes back, so the app recomputes and calls again (it holds the lock by then).
-- SECURITY INVOKER: the request role does here only what it could already do one statement at a time
-- (insert into audit_log, ketenplein_audit_head(), ketenplein_audit_advance() with its checks).
CREATE FUNCTION ketenplein_audit_append(expected_seq bigint, expected_hash text, entries jsonb)
RETURNS TABLE (appended boolean, head_seq bigint, head_hash text) LANGUAGE plpgsql VOLATILE
SET search_path FROM CURRENT AS $$
DECLARE
  cur_seq bigint;
  cur_hash text;
  last_seq bigint;
  last_hash text;
BEGIN
  SELECT h.seq, h.hash INTO cur_seq, cur_hash FROM ketenplein_audit_head() h;
  IF cur_seq IS DISTINCT FROM expected_seq OR cur_hash IS DISTINCT FROM expected_hash THEN
    RETURN QUERY SELECT false, cur_seq, cur_hash;
    RETURN;
  END IF;
  INSERT INTO audit_log SELECT * FROM jsonb_populate_recordset(NULL::audit_log, entries);
  SELECT e.seq, e.hash INTO last_seq, last_hash
    FROM jsonb_populate_recordset(NULL::audit_log, entries) e ORDER BY e.seq DESC LIMIT 1;
  PERFORM ketenplein_audit_advance(last_seq);
  RETURN QUERY SELECT true, last_seq, last_hash;
END $$;
REVOKE ALL ON FUNCTION ketenplein_audit_append(bigint, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ketenplein_audit_append(bigint, text, jsonb) TO ketenplein_app;
