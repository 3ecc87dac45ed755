-- Notifications of the case work (issue 15, item 7): a referral received, a task assigned, a consultation
-- invitation. In the app and, when SMTP is configured, by e-mail. A notification carries its kind and a link
-- only, never a case's content or a person (the e-mail is built from this row alone).
CREATE TABLE case_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('referral_received', 'task_assigned', 'consultation_invitation',
    'case_reassigned', 'task_overdue')),
  -- A path inside the app (/verwijzingen, /taken, /overleg/<id>): the link, not the content.
  link text NOT NULL CHECK (link ~ '^/[a-z0-9/-]*$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  mailed_at timestamptz
);
CREATE INDEX case_notifications_org ON case_notifications (org_id, created_at DESC);
GRANT SELECT, INSERT ON case_notifications TO ketenplein_app;
GRANT UPDATE (read_at) ON case_notifications TO ketenplein_app;
CREATE POLICY case_notifications_visible ON case_notifications FOR SELECT USING (org_id = ketenplein_org());
-- Any organisation may notify another (a referral, an invitation); the row holds no personal data.
CREATE POLICY case_notifications_add ON case_notifications FOR INSERT WITH CHECK (true);
CREATE POLICY case_notifications_read ON case_notifications FOR UPDATE USING (org_id = ketenplein_org())
  WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['case_notifications']);
