-- Care trajectories (issue 16, item 4): a plan in phases with a provider per phase, and handovers from one
-- provider to the next that carry only what the client's consent covers and that the receiver confirms. The
-- phase states follow src/care/trajectory-lifecycle.ts. Row-level security agrees with src/care/grants.ts.

-- What a handover consent covers (the fields of the client file it lets travel); other scopes leave it empty.
ALTER TABLE care_consents ADD COLUMN covers text[] NOT NULL DEFAULT '{}';

CREATE TABLE care_trajectories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES care_clients(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  outcome text CHECK (outcome IN ('independent_living', 'return_iom', 'other')),
  closed_on date,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome IS NULL) = (closed_on IS NULL))
);
CREATE UNIQUE INDEX care_trajectories_one_open ON care_trajectories (client_id) WHERE closed_on IS NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON care_trajectories TO ketenplein_app;
ALTER TABLE care_trajectories ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_trajectories_own ON care_trajectories FOR ALL
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

CREATE TABLE care_trajectory_phases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES care_trajectories(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  position integer NOT NULL CHECK (position >= 0),
  phase text NOT NULL CHECK (phase IN ('acute', 'stabilisation', 'treatment', 'aftercare', 'return')),
  provider_org_id uuid NOT NULL REFERENCES organisations(id),
  state text NOT NULL DEFAULT 'planned'
    CHECK (state IN ('planned', 'active', 'handover_proposed', 'handed_over', 'completed')),
  started_on date,
  ended_on date,
  UNIQUE (trajectory_id, position),
  CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON care_trajectory_phases TO ketenplein_app;
ALTER TABLE care_trajectory_phases ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_trajectory_phases_own ON care_trajectory_phases FOR ALL
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- A handover: proposed by the coordinator with the fields it carries (a copy, taken when proposed), confirmed
-- or refused by the receiving provider, who sees only this row.
CREATE TABLE care_handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trajectory_id uuid NOT NULL REFERENCES care_trajectories(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  from_phase_id uuid NOT NULL REFERENCES care_trajectory_phases(id) ON DELETE CASCADE,
  to_phase_id uuid NOT NULL REFERENCES care_trajectory_phases(id) ON DELETE CASCADE,
  to_org_id uuid NOT NULL REFERENCES organisations(id),
  phase text NOT NULL,
  fields text[] NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'refused')),
  reason text,
  proposed_on date NOT NULL,
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id)
);
CREATE INDEX care_handovers_to ON care_handovers (to_org_id, state);
GRANT SELECT, INSERT, UPDATE, DELETE ON care_handovers TO ketenplein_app;
ALTER TABLE care_handovers ENABLE ROW LEVEL SECURITY;
CREATE POLICY care_handovers_read ON care_handovers FOR SELECT
  USING (org_id = ketenplein_org() OR to_org_id = ketenplein_org());
CREATE POLICY care_handovers_add ON care_handovers FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY care_handovers_decide ON care_handovers FOR UPDATE
  USING (org_id = ketenplein_org() OR to_org_id = ketenplein_org())
  WITH CHECK (org_id = ketenplein_org() OR to_org_id = ketenplein_org());
CREATE POLICY care_handovers_erase ON care_handovers FOR DELETE USING (org_id = ketenplein_org());

-- The receiver's decision moves the coordinator's phases (rows it may not touch itself): only for a handover
-- addressed to the caller's organisation and still proposed, and only the two phases of that handover.
CREATE FUNCTION care_handover_decided(handover uuid, confirmed boolean, on_day date)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  h care_handovers%ROWTYPE;
BEGIN
  SELECT * INTO h FROM care_handovers WHERE id = handover AND to_org_id = ketenplein_org() AND state = 'proposed';
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF confirmed THEN
    UPDATE care_trajectory_phases SET state = 'handed_over', ended_on = on_day
      WHERE id = h.from_phase_id AND state = 'handover_proposed';
    UPDATE care_trajectory_phases SET state = 'active', started_on = on_day
      WHERE id = h.to_phase_id AND state = 'planned';
  ELSE
    UPDATE care_trajectory_phases SET state = 'active' WHERE id = h.from_phase_id AND state = 'handover_proposed';
  END IF;
  UPDATE care_handovers SET state = CASE WHEN confirmed THEN 'confirmed' ELSE 'refused' END, decided_at = now()
    WHERE id = handover;
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION care_handover_decided(uuid, boolean, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION care_handover_decided(uuid, boolean, date) TO ketenplein_app;

SELECT ketenplein_harden(ARRAY['care_trajectories', 'care_trajectory_phases', 'care_handovers']);
