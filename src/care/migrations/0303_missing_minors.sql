-- Missing minors (issue 16, item 6): a youth care institution reports a minor who did not return from leave or
-- ran away; the police unit of its region sees the report at once; both write one shared timeline; repeated
-- absences of the same minor (a keyed fingerprint of name and date of birth, never compared in the clear across
-- institutions) raise the risk. Row-level security: the institution and the police unit it went to.

CREATE TABLE missing_minors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  police_org_id uuid NOT NULL REFERENCES organisations(id),
  minor_key text NOT NULL,
  given_names text NOT NULL,
  surname text NOT NULL,
  date_of_birth date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('no_return_from_leave', 'ran_away')),
  missing_since timestamptz NOT NULL,
  description text NOT NULL,
  risk_factors text[] NOT NULL DEFAULT '{}',
  earlier_absences integer NOT NULL DEFAULT 0,
  risk text NOT NULL CHECK (risk IN ('normal', 'raised', 'high')),
  state text NOT NULL DEFAULT 'missing' CHECK (state IN ('missing', 'returned')),
  returned_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'returned') = (returned_at IS NOT NULL))
);
CREATE INDEX missing_minors_key ON missing_minors (org_id, minor_key);
CREATE INDEX missing_minors_police ON missing_minors (police_org_id, state);
GRANT SELECT, INSERT, UPDATE ON missing_minors TO ketenplein_app;
ALTER TABLE missing_minors ENABLE ROW LEVEL SECURITY;
CREATE POLICY missing_minors_parties ON missing_minors FOR SELECT
  USING (org_id = ketenplein_org() OR police_org_id = ketenplein_org());
CREATE POLICY missing_minors_report ON missing_minors FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY missing_minors_change ON missing_minors FOR UPDATE
  USING (org_id = ketenplein_org() OR police_org_id = ketenplein_org())
  WITH CHECK (org_id = ketenplein_org() OR police_org_id = ketenplein_org());

-- The shared timeline: each entry keeps the two parties of its report, so RLS needs no join.
CREATE TABLE missing_minor_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES missing_minors(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  police_org_id uuid NOT NULL REFERENCES organisations(id),
  author_org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('reported', 'sighting', 'note', 'returned')),
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX missing_minor_events_report ON missing_minor_events (report_id, at);
GRANT SELECT, INSERT ON missing_minor_events TO ketenplein_app;
ALTER TABLE missing_minor_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY missing_minor_events_parties ON missing_minor_events FOR SELECT
  USING (org_id = ketenplein_org() OR police_org_id = ketenplein_org());
CREATE POLICY missing_minor_events_write ON missing_minor_events FOR INSERT
  WITH CHECK (author_org_id = ketenplein_org() AND (org_id = ketenplein_org() OR police_org_id = ketenplein_org()));

SELECT ketenplein_harden(ARRAY['missing_minors', 'missing_minor_events']);
