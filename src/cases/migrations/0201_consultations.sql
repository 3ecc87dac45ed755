-- Casusoverleg (case consultation, issue 15 item 3). A consultation has a chair organisation (a RIEC or a
-- Zorg- en Veiligheidshuis), invited organisations and people, and an agenda of cases. It is visible only
-- under the purpose case_consultation, to its organisations. On each agenda case a participant sees exactly
-- what its own grant on that case allows (case_profile, migration 0200, under case_consultation): the chair
-- adds nothing. Contributions, decisions and actions on an item are visible only to participants that see
-- the item's case. The rules in src/access/rules/consultations.ts say the same; these policies are the second
-- line.

CREATE TABLE consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  chair_org_id uuid NOT NULL REFERENCES organisations(id),
  -- The chair and the invited organisations, kept on the row itself so the policies of the tables below can
  -- ask it without a policy cycle.
  org_ids uuid[] NOT NULL CHECK (chair_org_id = ANY (org_ids)),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  location text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  held_at timestamptz
);
CREATE INDEX consultations_chair ON consultations (chair_org_id, starts_at DESC);
CREATE INDEX consultations_orgs ON consultations USING gin (org_ids);
GRANT SELECT, INSERT, UPDATE ON consultations TO ketenplein_app;
CREATE POLICY consultations_visible ON consultations FOR SELECT USING (
  ketenplein_purpose() = 'case_consultation' AND ketenplein_org() = ANY (org_ids));
CREATE POLICY consultations_add ON consultations FOR INSERT WITH CHECK (
  ketenplein_purpose() = 'case_consultation' AND chair_org_id = ketenplein_org());
CREATE POLICY consultations_change ON consultations FOR UPDATE
  USING (ketenplein_purpose() = 'case_consultation' AND chair_org_id = ketenplein_org())
  WITH CHECK (chair_org_id = ketenplein_org());

-- Whether the current organisation takes part in this consultation (under the consultation purpose).
CREATE FUNCTION consultation_participant(target uuid) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM consultations c WHERE c.id = target
       AND ketenplein_purpose() = 'case_consultation' AND ketenplein_org() = ANY (c.org_ids)) $$;

-- Invited people: each organisation names its own (users of other organisations are not visible to it).
CREATE TABLE consultation_people (
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  org_id uuid NOT NULL REFERENCES organisations(id),
  -- The name as invited, so the other organisations see who comes without reading the users table.
  name text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consultation_id, user_id)
);
GRANT SELECT, INSERT ON consultation_people TO ketenplein_app;
CREATE POLICY consultation_people_visible ON consultation_people FOR SELECT USING (
  consultation_participant(consultation_id));
CREATE POLICY consultation_people_add ON consultation_people FOR INSERT WITH CHECK (
  consultation_participant(consultation_id) AND org_id = ketenplein_org());

-- The agenda. A participant puts a case on it only when it sees that case itself.
CREATE TABLE consultation_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  position integer NOT NULL,
  added_by_org uuid NOT NULL REFERENCES organisations(id),
  -- Put back on the agenda because actions of an earlier consultation are still open.
  carried_over boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (consultation_id, case_id)
);
CREATE INDEX consultation_items_case ON consultation_items (case_id);
GRANT SELECT, INSERT ON consultation_items TO ketenplein_app;
CREATE POLICY consultation_items_visible ON consultation_items FOR SELECT USING (
  consultation_participant(consultation_id));
CREATE POLICY consultation_items_add ON consultation_items FOR INSERT WITH CHECK (
  consultation_participant(consultation_id) AND added_by_org = ketenplein_org()
  AND case_profile(case_id) IS NOT NULL);

-- Per agenda item: each partner's contribution, the decisions and the agreed actions (an action is a task,
-- case_tasks.consultation_id below). Append-only: the minutes are a record.
CREATE TABLE consultation_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES consultation_items(id),
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('contribution', 'decision', 'action')),
  text text NOT NULL CHECK (length(text) > 0),
  org_id uuid NOT NULL REFERENCES organisations(id),
  author_user_id uuid NOT NULL REFERENCES users(id),
  task_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'action') = (task_id IS NOT NULL))
);
CREATE INDEX consultation_notes_item ON consultation_notes (item_id, created_at);
GRANT SELECT, INSERT ON consultation_notes TO ketenplein_app;
CREATE POLICY consultation_notes_visible ON consultation_notes FOR SELECT USING (
  consultation_participant(consultation_id) AND case_profile(case_id) IS NOT NULL);
CREATE POLICY consultation_notes_add ON consultation_notes FOR INSERT WITH CHECK (
  consultation_participant(consultation_id) AND case_profile(case_id) IS NOT NULL
  AND org_id = ketenplein_org());

-- An action agreed in a consultation is a task of the case, in its owner's task list. The chair creates it
-- (it need not lead the case), and the participants that see the case see the consultation's actions.
ALTER TABLE case_tasks ADD COLUMN consultation_id uuid REFERENCES consultations(id);
CREATE INDEX case_tasks_consultation ON case_tasks (consultation_id) WHERE consultation_id IS NOT NULL;
CREATE POLICY case_tasks_agreed ON case_tasks FOR INSERT WITH CHECK (
  consultation_id IS NOT NULL AND case_profile(case_id) IS NOT NULL
  AND EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_id AND c.chair_org_id = ketenplein_org()));
CREATE POLICY case_tasks_consulted ON case_tasks FOR SELECT USING (
  consultation_id IS NOT NULL AND consultation_participant(consultation_id) AND case_profile(case_id) IS NOT NULL);

SELECT ketenplein_harden(ARRAY['consultations', 'consultation_people', 'consultation_items', 'consultation_notes',
  'case_tasks']);
