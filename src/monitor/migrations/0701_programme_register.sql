-- Programme register (issue 17, item 1): the measures per action line with their owner organisations,
-- status and milestones, and the activities under a measure with their outputs (trainings planned and
-- given, awareness materials). Versioned: an edit is a new row (id, version+1), never an UPDATE, so every
-- earlier state stays readable with who changed it and when. Owner organisations are names, because
-- owners are often bodies outside Ketenplein (Inspectie, OM, VNG). No personal data.

CREATE TABLE programme_measures (
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  org_id uuid NOT NULL REFERENCES organisations(id),
  action_line integer NOT NULL CHECK (action_line BETWEEN 1 AND 5),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  owners text[] NOT NULL CHECK (cardinality(owners) BETWEEN 1 AND 10),
  status text NOT NULL CHECK (status IN ('planned', 'running', 'delayed', 'done', 'stopped')),
  milestones jsonb NOT NULL DEFAULT '[]',
  changed_by uuid NOT NULL REFERENCES users(id),
  -- The editor's name as it was: provenance readers in other organisations may see without the users table.
  changed_by_name text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE programme_activities (
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  measure_id uuid NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('training', 'awareness', 'campaign', 'research', 'other')),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 300),
  audience text NOT NULL DEFAULT '' CHECK (length(audience) <= 300),
  organisation text NOT NULL CHECK (length(organisation) BETWEEN 2 AND 200),
  period text NOT NULL CHECK (period ~ '^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  output_unit text NOT NULL CHECK (output_unit IN ('trainings', 'participants', 'materials', 'sessions', 'reports')),
  planned integer NOT NULL CHECK (planned >= 0),
  delivered integer NOT NULL CHECK (delivered >= 0),
  changed_by uuid NOT NULL REFERENCES users(id),
  changed_by_name text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
CREATE INDEX programme_activities_measure ON programme_activities (measure_id);

GRANT SELECT, INSERT ON programme_measures, programme_activities TO ketenplein_app;

-- The register is public policy information: readable chain-wide under a statistics decision; a new
-- version is written only for the actor's own organisation (the ministry's programme role).
CREATE POLICY programme_measures_read ON programme_measures FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY programme_measures_add ON programme_measures FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY programme_activities_read ON programme_activities FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY programme_activities_add ON programme_activities FOR INSERT WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['programme_measures', 'programme_activities']);
