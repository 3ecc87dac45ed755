-- Partner feeds (issue 18): the Inspectie SZW's Wav dataset, published in versions (every version kept with who
-- published it), and the visa desk's screenings of referents against it (the desk's own log).
-- Row-level security: a publisher sees its own organisation's versions and entries; the visa desk reaches the
-- entries only under the visa_screening purpose with a chain-wide decision (and the grants give it no field of
-- an entry but its reference: the desk never sees the dataset).

CREATE TABLE wav_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  version integer NOT NULL CHECK (version >= 1),
  source text NOT NULL CHECK (source IN ('csv', 'xlsx', 'api')),
  row_count integer NOT NULL CHECK (row_count >= 0),
  retention_months integer NOT NULL CHECK (retention_months BETWEEN 1 AND 120),
  contact_point text NOT NULL CHECK (length(contact_point) BETWEEN 3 AND 300),
  published_by uuid NOT NULL REFERENCES users(id),
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, version)
);

CREATE TABLE wav_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES wav_versions(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
  kvk text CHECK (kvk ~ '^[0-9]{8}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  trade_names text[] NOT NULL DEFAULT '{}',
  street text,
  house_number text,
  postcode text CHECK (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
  city text,
  fined_on date NOT NULL,
  irrevocable_on date NOT NULL,
  article text,
  expires_on date NOT NULL,
  CHECK (irrevocable_on >= fined_on),
  UNIQUE (version_id, reference)
);
CREATE INDEX wav_entries_version ON wav_entries (version_id);

CREATE TABLE visa_screenings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  screened_by uuid NOT NULL REFERENCES users(id),
  screened_at timestamptz NOT NULL DEFAULT now(),
  application_ref text NOT NULL CHECK (length(application_ref) BETWEEN 1 AND 100),
  referent_name text NOT NULL,
  referent_kvk text,
  verdict text NOT NULL CHECK (verdict IN ('hit', 'possible', 'none')),
  score real,
  reasons text[] NOT NULL DEFAULT '{}',
  -- For a hit or possible hit: whose entry, under which reference (the talk that follows), never its content.
  publisher_org_id uuid REFERENCES organisations(id),
  reference text
);
CREATE INDEX visa_screenings_org ON visa_screenings (org_id, screened_at DESC);

ALTER TABLE wav_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE wav_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE visa_screenings ENABLE ROW LEVEL SECURITY;
CREATE POLICY wav_versions_org ON wav_versions
  USING (org_id = ketenplein_org() OR (ketenplein_chain_scope() AND ketenplein_purpose() = 'visa_screening'))
  WITH CHECK (org_id = ketenplein_org());
CREATE POLICY wav_entries_org ON wav_entries
  USING (org_id = ketenplein_org() OR (ketenplein_chain_scope() AND ketenplein_purpose() = 'visa_screening'))
  WITH CHECK (org_id = ketenplein_org());
CREATE POLICY visa_screenings_org ON visa_screenings USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- Versions and screenings are never changed: every version is kept, every screening is evidence.
GRANT SELECT, INSERT ON wav_versions, wav_entries, visa_screenings TO ketenplein_app;

SELECT ketenplein_harden(ARRAY['wav_versions', 'wav_entries', 'visa_screenings']);
