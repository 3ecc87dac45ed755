-- Per investigation, an investigator's decisions about identifiers in operator linking (issue 13):
-- 'shared' puts a number/address/handle/image on the investigation's list of known shared lines
-- (taxi, hotel, booking line, agency: never used to link); 'not_shared' overrules a cut made by the
-- linker (always used to link). One decision per identifier; who decided, when and why is kept,
-- and every change is also audited through the access layer.
CREATE TABLE crawl_identifier_decisions (
  investigation_id uuid NOT NULL REFERENCES crawl_investigations(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email', 'handle', 'image')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
  decision text NOT NULL CHECK (decision IN ('shared', 'not_shared')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
  decided_by uuid NOT NULL REFERENCES users(id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (investigation_id, kind, value)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON crawl_identifier_decisions TO ketenplein_app;
ALTER TABLE crawl_identifier_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY crawl_identifier_decisions_org ON crawl_identifier_decisions
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());
