-- Linkage: blocking keys of persons, companies and identifiers, so a new record is compared only
-- with the entities that share a key (incremental entity resolution), never with everything.
-- Keys are typed short strings from phonetic codes, dates and normalised identifiers
-- ("ny:YSF:1990:k", "kvk:12345678"): pseudonymous, but still personal data, so the rows belong to
-- the organisation that registered the entity and row-level security applies.
CREATE TABLE linkage_blocks (
  org_id uuid NOT NULL REFERENCES organisations(id),
  entity_type text NOT NULL CHECK (entity_type IN ('person', 'company', 'identifier')),
  entity_id text NOT NULL,
  block_key text NOT NULL CHECK (length(block_key) BETWEEN 3 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The lookup index: all entities under a set of keys. entity_type leads, since keys of
  -- different types never meet; entity_id is in it, so the lookup needs no table access.
  CONSTRAINT linkage_blocks_key PRIMARY KEY (entity_type, block_key, entity_id)
);
-- Re-indexing one entity replaces its keys.
CREATE INDEX linkage_blocks_entity ON linkage_blocks (entity_type, entity_id);
CREATE INDEX linkage_blocks_org ON linkage_blocks (org_id);
GRANT SELECT, INSERT, DELETE ON linkage_blocks TO ketenplein_app;
ALTER TABLE linkage_blocks ENABLE ROW LEVEL SECURITY;
-- An organisation sees its own keys; chain-wide work (signal linking across partners, under a
-- purpose that allows it) sees all. Writes only for the own organisation.
CREATE POLICY linkage_blocks_read ON linkage_blocks FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY linkage_blocks_insert ON linkage_blocks FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY linkage_blocks_delete ON linkage_blocks FOR DELETE USING (org_id = ketenplein_org());
