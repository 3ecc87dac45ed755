-- Assigning a signal to a colleague (issue 19, item 9): the triage officer or the receiving team names who
-- works on it; "assigned to me" is a filter of the team queue and a count on the start page. The assignee is a
-- user of the assigning organisation (checked by the access layer, src/signals/store/assignment.ts); handing
-- the signal back to triage or routing it elsewhere clears the assignment.
ALTER TABLE signals ADD COLUMN assigned_to uuid REFERENCES users(id);
ALTER TABLE signals ADD COLUMN assigned_at timestamptz;
CREATE INDEX signals_assigned ON signals (assigned_to) WHERE assigned_to IS NOT NULL;

-- In-app notifications of one user: "a signal was assigned to you". The cases capability's notifications
-- (migration 0202) address another organisation and run after this migration; an assignment stays inside one
-- organisation and addresses a person. Only the kind and a link: what the link opens stays behind the grants.
CREATE TABLE signal_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('signal_assigned')),
  link text NOT NULL CHECK (link ~ '^/[a-z0-9/?=&-]*$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX signal_notifications_user ON signal_notifications (user_id, created_at DESC);
GRANT SELECT, INSERT ON signal_notifications TO ketenplein_app;
GRANT UPDATE (read_at) ON signal_notifications TO ketenplein_app;
ALTER TABLE signal_notifications ENABLE ROW LEVEL SECURITY;
-- Within one's own organisation only; the access layer narrows to the user's own notifications.
CREATE POLICY signal_notifications_visible ON signal_notifications FOR SELECT USING (org_id = ketenplein_org());
CREATE POLICY signal_notifications_add ON signal_notifications FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY signal_notifications_read ON signal_notifications FOR UPDATE USING (org_id = ketenplein_org())
  WITH CHECK (org_id = ketenplein_org());
SELECT ketenplein_harden(ARRAY['signal_notifications']);
