-- The register of data-subject requests (AVG art. 12-23): what was asked, when, the legal deadline, and what
-- was decided and why. Kept per organisation (the controller that received the request); the privacy officer
-- works on it through the access layer. The subject is named by a reference, not by name: the identity check
-- happens outside Ketenplein, and the register should not become one more place that holds the person.

CREATE TABLE data_subject_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction', 'objection')),
  reference text NOT NULL,
  received_on date NOT NULL,
  -- One month after receipt (art. 12(3)); extendable once by at most two months, with a reason.
  deadline date NOT NULL,
  extended_until date,
  extension_reason text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'extended', 'decided')),
  decision text CHECK (decision IN ('granted', 'partially_granted', 'refused')),
  decision_reason text,
  -- e.g. 'avg_23_criminal_investigation', 'wpg', 'avg_17_3_legal_obligation': why a request was (partly) refused.
  legal_ground text,
  -- The signal persons this request was about: ids only, for the report, restriction and erasure.
  person_ids uuid[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  CHECK (extended_until IS NULL OR (extension_reason IS NOT NULL AND extended_until > deadline)),
  CHECK ((status = 'decided') = (decision IS NOT NULL))
);
CREATE INDEX data_subject_requests_org ON data_subject_requests (org_id, received_on DESC);
GRANT SELECT, INSERT, UPDATE ON data_subject_requests TO ketenplein_app;
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY data_subject_requests_own_org ON data_subject_requests
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- The purpose of the current request, set by the access layer beside the organisation, so row-level security
-- can bind a few rights to a purpose (e.g. only a data-subject request may see a restricted person).
CREATE FUNCTION ketenplein_purpose() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('ketenplein.purpose', true), '') $$;
