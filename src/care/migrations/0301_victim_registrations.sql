-- Registration of possible victims with CoMensha (issue 16, item 5): the variables of the National
-- Rapporteur's victim monitor and a privacy-preserving encoding (src/linkage RegistryEncoder: keyed Bloom
-- filters and tokens), never a name, a date of birth or an address. A partner (care coordination, shelter)
-- records its own registrations; CoMensha's registrar records those partners report to it and reads them all
-- (chain scope), de-duplicated by the encodings. Row-level security agrees with src/care/grants.ts.

CREATE TABLE victim_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organisation that recorded it: the partner itself, or CoMensha for a partner's report.
  org_id uuid NOT NULL REFERENCES organisations(id),
  reporting_org_type text NOT NULL,
  -- Recorded by CoMensha for a partner that reported it (not by the partner itself).
  via_registrar boolean NOT NULL DEFAULT false,
  -- The care coordinator's client it came from (seen only by that organisation: never by CoMensha).
  source_client_id uuid REFERENCES care_clients(id) ON DELETE SET NULL,
  registered_on date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'x')),
  age integer NOT NULL CHECK (age BETWEEN 0 AND 120),
  age_estimated boolean NOT NULL DEFAULT false,
  minor boolean NOT NULL,
  nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{3}$'),
  forms text[] NOT NULL CHECK (cardinality(forms) > 0),
  exploited_in text NOT NULL CHECK (exploited_in IN ('netherlands', 'abroad', 'both')),
  encoding jsonb NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (minor = (age < 18)),
  UNIQUE (org_id, source_client_id)
);
CREATE INDEX victim_registrations_on ON victim_registrations (registered_on);
CREATE INDEX victim_registrations_org ON victim_registrations (org_id, registered_on DESC);
GRANT SELECT, INSERT ON victim_registrations TO ketenplein_app;
ALTER TABLE victim_registrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY victim_registrations_read ON victim_registrations FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY victim_registrations_add ON victim_registrations FOR INSERT WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['victim_registrations']);
