-- The progress report's text blocks (issue 17, item 6): per year and action line the text the programme
-- writes; figures, charts and tables are generated from the indicators. Versioned like the register.

CREATE TABLE monitor_report_texts (
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  action_line integer NOT NULL CHECK (action_line BETWEEN 0 AND 5),
  version integer NOT NULL CHECK (version >= 1),
  org_id uuid NOT NULL REFERENCES organisations(id),
  body text NOT NULL CHECK (length(body) <= 8000),
  changed_by uuid NOT NULL REFERENCES users(id),
  changed_by_name text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, action_line, version)
);

GRANT SELECT, INSERT ON monitor_report_texts TO ketenplein_app;
CREATE POLICY monitor_report_texts_read ON monitor_report_texts FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY monitor_report_texts_add ON monitor_report_texts FOR INSERT WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['monitor_report_texts']);
