-- Care for victims (issue 16): the client file of the care coordinator's organisation, consents, the safe
-- address (a table of its own: only the placing coordinator's organisation and the shelter see it), shelter
-- capacity, placement requests and the reflection period (B8/3). Row-level security agrees with the grants
-- in src/care/grants.ts (test/api/grants-rls.test.ts).

CREATE TABLE care_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  -- Where the client came from: a signal routed to the coordinator, a case referral (care profile; the
  -- cases capability connects it later) or taken on directly.
  source text NOT NULL CHECK (source IN ('signal', 'case_referral', 'direct')),
  source_signal_id uuid REFERENCES signals(id),
  source_reference uuid,
  alias text,
  given_names text,
  prefix text,
  surname text,
  date_of_birth date,
  estimated_age integer CHECK (estimated_age BETWEEN 0 AND 120),
  gender text,
  nationality text,
  languages text[] NOT NULL DEFAULT '{}',
  immigration_status text NOT NULL DEFAULT 'unknown',
  forms text[] NOT NULL DEFAULT '{}',
  exploitation_places jsonb NOT NULL DEFAULT '[]',
  needs text[] NOT NULL DEFAULT '{}',
  safety jsonb,
  contact_channel text,
  restricted_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (source <> 'signal' OR source_signal_id IS NOT NULL),
  CHECK (alias IS NOT NULL OR surname IS NOT NULL OR given_names IS NOT NULL)
);
CREATE INDEX care_clients_org ON care_clients (org_id, created_at DESC);
GRANT SELECT, INSERT, UPDATE, DELETE ON care_clients TO ketenplein_app;
ALTER TABLE care_clients ENABLE ROW LEVEL SECURITY;
-- A restricted client (AVG art. 18) is kept but processed only for the data-subject request.
CREATE POLICY care_clients_own ON care_clients FOR ALL
  USING (org_id = ketenplein_org() AND (restricted_at IS NULL OR ketenplein_purpose() = 'data_subject_request'))
  WITH CHECK (org_id = ketenplein_org());

CREATE TABLE care_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES care_clients(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  scope text NOT NULL CHECK (scope IN ('placement', 'comensha_registration', 'handover', 'police')),
  given_on date NOT NULL,
  how text NOT NULL CHECK (how IN ('verbal', 'written', 'with_interpreter')),
  withdrawn_on date,
  recorded_by uuid NOT NULL REFERENCES users(id),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX care_consents_client ON care_consents (client_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON care_consents TO ketenplein_app;
ALTER TABLE care_consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_consents_own ON care_consents FOR ALL
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- Shelter locations and their place types (no personal data): the provider keeps them, every care
-- coordinator reads them to match (chain scope), CoMensha and the ministry see aggregates only.
CREATE TABLE shelter_locations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  municipality_code text NOT NULL CHECK (municipality_code ~ '^GM[0-9]{4}$'),
  region text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON shelter_locations TO ketenplein_app;
ALTER TABLE shelter_locations ENABLE ROW LEVEL SECURITY;
CREATE POLICY shelter_locations_read ON shelter_locations FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY shelter_locations_add ON shelter_locations FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY shelter_locations_change ON shelter_locations FOR UPDATE
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

CREATE TABLE shelter_places (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL REFERENCES shelter_locations(id),
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('categorical', 'multi_problem', 'womens_shelter', 'male_victims', 'youth_protected')),
  capacity integer NOT NULL CHECK (capacity >= 0),
  occupancy integer NOT NULL CHECK (occupancy >= 0),
  genders text[] NOT NULL,
  min_age integer NOT NULL DEFAULT 18,
  max_age integer NOT NULL DEFAULT 120,
  needs text[] NOT NULL DEFAULT '{}',
  figures_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (location_id, kind),
  CHECK (occupancy <= capacity),
  CHECK (min_age <= max_age)
);
GRANT SELECT, INSERT, UPDATE ON shelter_places TO ketenplein_app;
ALTER TABLE shelter_places ENABLE ROW LEVEL SECURITY;
CREATE POLICY shelter_places_read ON shelter_places FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY shelter_places_add ON shelter_places FOR INSERT WITH CHECK (org_id = ketenplein_org());
-- Admission and discharge by the shelter change occupancy; matching never writes.
CREATE POLICY shelter_places_change ON shelter_places FOR UPDATE
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- A placement request: filed by the coordinator, proposed to one place, accepted or declined by its shelter,
-- then admission and discharge. The shelter sees a request once it is proposed to it (shelter_org_id).
CREATE TABLE placement_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES care_clients(id),
  coordinator_org_id uuid NOT NULL REFERENCES organisations(id),
  needs text[] NOT NULL DEFAULT '{}',
  gender text NOT NULL,
  age integer NOT NULL CHECK (age BETWEEN 0 AND 120),
  avoid_regions text[] NOT NULL DEFAULT '{}',
  avoid_municipalities text[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'open'
    CHECK (state IN ('open', 'proposed', 'accepted', 'declined', 'admitted', 'discharged', 'withdrawn')),
  place_id uuid REFERENCES shelter_places(id),
  shelter_org_id uuid REFERENCES organisations(id),
  history jsonb NOT NULL DEFAULT '[]',
  filed_at timestamptz NOT NULL DEFAULT now(),
  admitted_on date,
  discharged_on date,
  destination text,
  created_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX placement_requests_coordinator ON placement_requests (coordinator_org_id, state);
CREATE INDEX placement_requests_shelter ON placement_requests (shelter_org_id, state) WHERE shelter_org_id IS NOT NULL;
GRANT SELECT, INSERT, UPDATE ON placement_requests TO ketenplein_app;
ALTER TABLE placement_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY placement_requests_read ON placement_requests FOR SELECT
  USING (coordinator_org_id = ketenplein_org() OR shelter_org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY placement_requests_file ON placement_requests FOR INSERT WITH CHECK (coordinator_org_id = ketenplein_org());
CREATE POLICY placement_requests_change ON placement_requests FOR UPDATE
  USING (coordinator_org_id = ketenplein_org() OR shelter_org_id = ketenplein_org())
  WITH CHECK (coordinator_org_id = ketenplein_org() OR shelter_org_id = ketenplein_org());

-- The safe address of a placed victim: its own table, so no list or export of clients or requests can
-- carry it. Only the placing coordinator's organisation and the shelter's see or write it.
CREATE TABLE care_safe_addresses (
  placement_id uuid PRIMARY KEY REFERENCES placement_requests(id),
  client_id uuid NOT NULL REFERENCES care_clients(id),
  coordinator_org_id uuid NOT NULL REFERENCES organisations(id),
  shelter_org_id uuid NOT NULL REFERENCES organisations(id),
  address text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, DELETE ON care_safe_addresses TO ketenplein_app;
ALTER TABLE care_safe_addresses ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_safe_addresses_parties ON care_safe_addresses FOR SELECT
  USING (coordinator_org_id = ketenplein_org() OR shelter_org_id = ketenplein_org());
CREATE POLICY care_safe_addresses_shelter ON care_safe_addresses FOR INSERT
  WITH CHECK (shelter_org_id = ketenplein_org());
CREATE POLICY care_safe_addresses_erase ON care_safe_addresses FOR DELETE
  USING (coordinator_org_id = ketenplein_org());

-- The reflection period (up to three months, Vreemdelingencirculaire B8/3) and the residence permit dates.
CREATE TABLE reflection_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL UNIQUE REFERENCES care_clients(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  offered_on date NOT NULL,
  started_on date,
  ends_on date,
  ended_on date,
  decision text CHECK (decision IN ('report', 'cooperate', 'decline')),
  decision_on date,
  permit_applied_on date,
  permit_decision text CHECK (permit_decision IN ('granted', 'refused')),
  permit_decided_on date,
  CHECK (started_on IS NULL OR started_on >= offered_on),
  CHECK (ends_on IS NULL OR (started_on IS NOT NULL AND ends_on <= started_on + interval '3 months')),
  CHECK (ended_on IS NULL OR (started_on IS NOT NULL AND ended_on >= started_on))
);
GRANT SELECT, INSERT, UPDATE, DELETE ON reflection_periods TO ketenplein_app;
ALTER TABLE reflection_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY reflection_periods_own ON reflection_periods FOR ALL
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['care_clients', 'care_consents', 'shelter_locations', 'shelter_places',
  'placement_requests', 'care_safe_addresses', 'reflection_periods']);
