-- Signals (meldingen): intake, triage, routing, lifecycle and identifier links.
-- Rows are visible to the reporting organisation, the organisation a signal is routed to, and chain-wide
-- triage (chain scope); the access layer narrows further by role, purpose and field.

CREATE TABLE triage_rulesets (
  version integer PRIMARY KEY CHECK (version >= 2),
  name text NOT NULL,
  rules jsonb NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Rule sets are chain-wide policy, not personal data: readable by every request, changed through the access layer.
GRANT SELECT, INSERT ON triage_rulesets TO ketenplein_app;
ALTER TABLE triage_rulesets ENABLE ROW LEVEL SECURITY;
CREATE POLICY triage_rulesets_read ON triage_rulesets FOR SELECT USING (true);
CREATE POLICY triage_rulesets_add ON triage_rulesets FOR INSERT WITH CHECK (ketenplein_chain_scope());

CREATE TABLE signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_org_id uuid NOT NULL REFERENCES organisations(id),
  reporter_user_id uuid NOT NULL REFERENCES users(id),
  idempotency_key text,
  payload_hash text NOT NULL,
  channel text NOT NULL,
  external_reference text,
  received_at timestamptz NOT NULL,
  observed_at date,
  forms text[] NOT NULL,
  indicators jsonb NOT NULL DEFAULT '[]',
  narrative text NOT NULL DEFAULT '',
  location jsonb,
  municipality text,
  vehicles jsonb NOT NULL DEFAULT '[]',
  urls jsonb NOT NULL DEFAULT '[]',
  handles jsonb NOT NULL DEFAULT '[]',
  involves_minor boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'in_triage', 'routed', 'accepted', 'declined', 'closed')),
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  score integer,
  priority text CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
  recommended_route text,
  triage jsonb,
  -- Version 1 is the rule set shipped in the code (src/signals/rulesets); later versions live in triage_rulesets.
  ruleset_version integer,
  route text,
  routed_org_id uuid REFERENCES organisations(id),
  outcome text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Resubmitting with the same key returns the first signal instead of a duplicate.
CREATE UNIQUE INDEX signals_idempotency ON signals (reporter_org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX signals_reporter ON signals (reporter_org_id, created_at DESC);
CREATE INDEX signals_triage_queue ON signals (state, priority, received_at) WHERE state IN ('received', 'in_triage', 'declined');
CREATE INDEX signals_team_queue ON signals (routed_org_id, state, received_at) WHERE routed_org_id IS NOT NULL;
GRANT SELECT, INSERT, UPDATE ON signals TO ketenplein_app;
ALTER TABLE signals ENABLE ROW LEVEL SECURITY;
CREATE POLICY signals_visible ON signals FOR SELECT USING (
  reporter_org_id = ketenplein_org() OR routed_org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY signals_report ON signals FOR INSERT WITH CHECK (reporter_org_id = ketenplein_org());
-- A receiving team may only hand a signal back (routed_org_id becomes NULL on decline); triage routes it anew.
CREATE POLICY signals_change ON signals FOR UPDATE
  USING (routed_org_id = ketenplein_org() OR ketenplein_chain_scope())
  WITH CHECK (routed_org_id IS NULL OR routed_org_id = ketenplein_org() OR ketenplein_chain_scope());

-- The visibility of a signal's parts follows the signal itself.
CREATE FUNCTION signal_visible(signal uuid) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM signals s WHERE s.id = signal) $$;

CREATE TABLE signal_persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signal_id uuid NOT NULL REFERENCES signals(id),
  position integer NOT NULL,
  role text NOT NULL CHECK (role IN ('possible_victim', 'possible_suspect', 'witness', 'other')),
  given_names text,
  prefix text,
  surname text,
  alias text,
  date_of_birth date,
  birth_year integer,
  gender text,
  nationality text,
  phones text[] NOT NULL DEFAULT '{}',
  emails text[] NOT NULL DEFAULT '{}',
  -- The BSN is stored encrypted (AES-GCM) and found by a keyed fingerprint; it is only ever shown masked.
  bsn_encrypted text,
  bsn_fingerprint text,
  minor text NOT NULL,
  remark text,
  UNIQUE (signal_id, position)
);
CREATE INDEX signal_persons_bsn ON signal_persons (bsn_fingerprint) WHERE bsn_fingerprint IS NOT NULL;
GRANT SELECT, INSERT ON signal_persons TO ketenplein_app;
ALTER TABLE signal_persons ENABLE ROW LEVEL SECURITY;
CREATE POLICY signal_persons_visible ON signal_persons FOR SELECT USING (signal_visible(signal_id));
CREATE POLICY signal_persons_add ON signal_persons FOR INSERT WITH CHECK (signal_visible(signal_id));

CREATE TABLE signal_companies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signal_id uuid NOT NULL REFERENCES signals(id),
  position integer NOT NULL,
  name text NOT NULL,
  kvk text,
  address jsonb,
  remark text,
  UNIQUE (signal_id, position)
);
GRANT SELECT, INSERT ON signal_companies TO ketenplein_app;
ALTER TABLE signal_companies ENABLE ROW LEVEL SECURITY;
CREATE POLICY signal_companies_visible ON signal_companies FOR SELECT USING (signal_visible(signal_id));
CREATE POLICY signal_companies_add ON signal_companies FOR INSERT WITH CHECK (signal_visible(signal_id));

-- Normalised identifiers (E.164 phone, e-mail, KvK, plate key, URL key, handle, BSN fingerprint, person
-- blocking keys): what linking looks up. Values are normalised forms, never shown on their own.
CREATE TABLE signal_identifiers (
  signal_id uuid NOT NULL REFERENCES signals(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email', 'kvk', 'plate', 'url', 'handle', 'bsn', 'person_key')),
  value text NOT NULL,
  PRIMARY KEY (signal_id, kind, value)
);
CREATE INDEX signal_identifiers_lookup ON signal_identifiers (kind, value);
GRANT SELECT, INSERT ON signal_identifiers TO ketenplein_app;
ALTER TABLE signal_identifiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY signal_identifiers_visible ON signal_identifiers FOR SELECT USING (signal_visible(signal_id));
CREATE POLICY signal_identifiers_add ON signal_identifiers FOR INSERT WITH CHECK (signal_visible(signal_id));

-- Every lifecycle step: who, when, why. Append-only like the audit log.
CREATE TABLE signal_transitions (
  id bigserial PRIMARY KEY,
  signal_id uuid NOT NULL REFERENCES signals(id),
  from_state text NOT NULL,
  to_state text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  note text,
  actor_user_id uuid NOT NULL REFERENCES users(id),
  actor_org_id uuid NOT NULL REFERENCES organisations(id),
  actor_role text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX signal_transitions_signal ON signal_transitions (signal_id, id);
GRANT SELECT, INSERT ON signal_transitions TO ketenplein_app;
GRANT USAGE ON SEQUENCE signal_transitions_id_seq TO ketenplein_app;
ALTER TABLE signal_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY signal_transitions_visible ON signal_transitions FOR SELECT USING (signal_visible(signal_id));
CREATE POLICY signal_transitions_add ON signal_transitions FOR INSERT WITH CHECK (signal_visible(signal_id));

-- Suggested links between signals that share an identifier; a triage analyst confirms or rejects them.
CREATE TABLE signal_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signal_id uuid NOT NULL REFERENCES signals(id),
  other_signal_id uuid NOT NULL REFERENCES signals(id),
  kind text NOT NULL,
  score real NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (signal_id, other_signal_id, kind),
  CHECK (signal_id <> other_signal_id)
);
CREATE INDEX signal_links_other ON signal_links (other_signal_id);
GRANT SELECT, INSERT, UPDATE ON signal_links TO ketenplein_app;
ALTER TABLE signal_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY signal_links_visible ON signal_links FOR SELECT USING (ketenplein_chain_scope());
CREATE POLICY signal_links_add ON signal_links FOR INSERT WITH CHECK (true);
CREATE POLICY signal_links_decide ON signal_links FOR UPDATE USING (ketenplein_chain_scope());

-- Which earlier signals share these identifiers. Runs as owner so intake can count matches across
-- organisations without seeing them: it returns only signal ids, which the caller stores as link
-- suggestions for chain-wide triage. Execution is limited to the application role.
CREATE FUNCTION signal_identifier_matches(kinds text[], identifier_values text[], exclude uuid)
RETURNS TABLE (signal_id uuid, kind text, value text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT i.signal_id, i.kind, i.value
  FROM signal_identifiers i
  JOIN unnest(kinds, identifier_values) AS wanted(kind, value) ON i.kind = wanted.kind AND i.value = wanted.value
  WHERE i.signal_id <> exclude
  LIMIT 1000
$$;
REVOKE ALL ON FUNCTION signal_identifier_matches(text[], text[], uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal_identifier_matches(text[], text[], uuid) TO ketenplein_app;

-- "Match, then talk" (as the Verwijsindex): who else knows something about a signal the caller may see,
-- as contact points only (organisation and kind of match), never the other signal's content or id.
-- It checks visibility itself, from the organisation and scope the access layer set for this transaction.
CREATE FUNCTION signal_link_notices(target uuid)
RETURNS TABLE (org_id uuid, org_name text, kind text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT DISTINCT o.id, o.name, l.kind
  FROM signals t
  JOIN signal_links l ON (l.signal_id = t.id OR l.other_signal_id = t.id) AND l.status <> 'rejected'
  JOIN signals s ON s.id = CASE WHEN l.signal_id = t.id THEN l.other_signal_id ELSE l.signal_id END
  JOIN organisations o ON o.id = s.reporter_org_id
  WHERE t.id = target
    AND (t.reporter_org_id = ketenplein_org() OR t.routed_org_id = ketenplein_org() OR ketenplein_chain_scope())
    AND s.reporter_org_id <> ketenplein_org()
$$;
REVOKE ALL ON FUNCTION signal_link_notices(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal_link_notices(uuid) TO ketenplein_app;
