-- Data-subject rights and retention on signals (src/privacy): restriction (art. 18), erasure (art. 17) and
-- the retention period. Additive to 0100_signals.sql.

ALTER TABLE signal_persons ADD COLUMN restricted_at timestamptz;
ALTER TABLE signal_persons ADD COLUMN erased_at timestamptz;
ALTER TABLE signals ADD COLUMN personal_data_removed_at timestamptz;
CREATE INDEX signals_retention ON signals (state_changed_at) WHERE state = 'closed' AND personal_data_removed_at IS NULL;

-- A restricted person is kept (storage) but excluded from all further processing: only a data-subject request
-- still sees the row. This replaces the visibility policy of 0100 with the same rule plus that condition.
DROP POLICY signal_persons_visible ON signal_persons;
CREATE POLICY signal_persons_visible ON signal_persons FOR SELECT USING (
  signal_visible(signal_id) AND (restricted_at IS NULL OR ketenplein_purpose() = 'data_subject_request'));

-- Restriction and erasure are changes only a data-subject request makes, on signals the organisation reported
-- or received (never chain-wide): these grants and policies are the second line under the access rules.
GRANT UPDATE (given_names, prefix, surname, alias, date_of_birth, birth_year, gender, nationality, phones, emails,
  bsn_encrypted, bsn_fingerprint, remark, minor, restricted_at, erased_at) ON signal_persons TO ketenplein_app;
CREATE FUNCTION signal_own(signal uuid) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM signals s WHERE s.id = signal
       AND (s.reporter_org_id = ketenplein_org() OR s.routed_org_id = ketenplein_org())) $$;
CREATE POLICY signal_persons_subject_rights ON signal_persons FOR UPDATE
  USING (ketenplein_purpose() = 'data_subject_request' AND signal_own(signal_id))
  WITH CHECK (ketenplein_purpose() = 'data_subject_request' AND signal_own(signal_id));
CREATE POLICY signals_subject_rights ON signals FOR UPDATE
  USING (ketenplein_purpose() = 'data_subject_request' AND (reporter_org_id = ketenplein_org() OR routed_org_id = ketenplein_org()))
  WITH CHECK (ketenplein_purpose() = 'data_subject_request' AND (reporter_org_id = ketenplein_org() OR routed_org_id = ketenplein_org()));
GRANT DELETE ON signal_identifiers TO ketenplein_app;
CREATE POLICY signal_identifiers_subject_rights ON signal_identifiers FOR DELETE
  USING (ketenplein_purpose() = 'data_subject_request' AND signal_own(signal_id));
GRANT UPDATE (note) ON signal_transitions TO ketenplein_app;
CREATE POLICY signal_transitions_subject_rights ON signal_transitions FOR UPDATE
  USING (ketenplein_purpose() = 'data_subject_request' AND signal_own(signal_id))
  WITH CHECK (ketenplein_purpose() = 'data_subject_request' AND signal_own(signal_id));

-- "Match, then talk" for a data-subject request: which other organisations also hold this person, as contact
-- points only (organisation and its privacy officers' addresses), never their signals or content. A person
-- matches on the BSN fingerprint, or on a date-of-birth key together with a name key in the same signal.
CREATE FUNCTION privacy_other_holders(bsn_fp text, date_keys text[], name_keys text[])
RETURNS TABLE (org_id uuid, org_name text, kind text, contacts text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  WITH hits AS (
    SELECT i.signal_id, 'bsn'::text AS kind FROM signal_identifiers i
      WHERE bsn_fp IS NOT NULL AND i.kind = 'bsn' AND i.value = bsn_fp
    UNION
    SELECT d.signal_id, 'name_and_date_of_birth' FROM signal_identifiers d
      JOIN signal_identifiers n ON n.signal_id = d.signal_id AND n.kind = 'person_key' AND n.value = ANY (name_keys)
      WHERE d.kind = 'person_key' AND d.value = ANY (date_keys)
  ), holders AS (
    SELECT DISTINCT o.id, o.name, h.kind FROM hits h
      JOIN signals s ON s.id = h.signal_id
      JOIN organisations o ON o.id IN (s.reporter_org_id, s.routed_org_id)
      WHERE o.id <> ketenplein_org() AND ketenplein_purpose() = 'data_subject_request'
  )
  SELECT h.id, h.name, h.kind,
    coalesce((SELECT array_agg(u.email ORDER BY u.email) FROM users u
      WHERE u.org_id = h.id AND 'privacy_officer' = ANY (u.roles) AND NOT u.disabled), '{}')
  FROM holders h
$$;
REVOKE ALL ON FUNCTION privacy_other_holders(text, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION privacy_other_holders(text, text[], text[]) TO ketenplein_app;

-- Who accessed these signals (art. 15(1)(c): recipients), from the audit log across organisations, for the
-- signals the caller's organisation holds only. Staff of other organisations are named by organisation and
-- role, not by name.
CREATE FUNCTION privacy_record_accesses(ids text[])
RETURNS TABLE (record_id text, at timestamptz, org_id uuid, org_name text, user_id uuid, user_name text,
  role text, purpose text, action text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT r.id, a.at, a.org_id, o.name,
    CASE WHEN a.org_id = ketenplein_org() THEN a.user_id END,
    CASE WHEN a.org_id = ketenplein_org() THEN u.name END,
    a.role, a.purpose, a.action
  FROM unnest(ids) AS r(id)
  JOIN signals s ON s.id::text = r.id
    AND (s.reporter_org_id = ketenplein_org() OR s.routed_org_id = ketenplein_org())
  JOIN audit_log a ON a.record_ids @> ARRAY[r.id] AND a.result = 'allowed'
  LEFT JOIN organisations o ON o.id = a.org_id
  LEFT JOIN users u ON u.id = a.user_id
  WHERE ketenplein_purpose() = 'data_subject_request'
  ORDER BY a.seq
$$;
REVOKE ALL ON FUNCTION privacy_record_accesses(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION privacy_record_accesses(text[]) TO ketenplein_app;
