-- Programme monitor (issue 17): indicators as data, partner figures with provenance, closed periods, the
-- daily signal facts (counts only, no person), and the municipal self-assessment (versioned).
-- Every read of a request goes through the grants in src/access/rules/monitor.ts; these policies agree:
-- national tables are readable under chain scope (statistics decisions are chain-wide), writes only for the
-- actor's own organisation. Counts leave the API only through src/domain/suppress.ts.

CREATE TABLE monitor_indicators (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{2,62}$'),
  org_id uuid NOT NULL REFERENCES organisations(id),
  action_line integer NOT NULL CHECK (action_line BETWEEN 1 AND 5),
  name_nl text NOT NULL CHECK (length(name_nl) BETWEEN 2 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 200),
  definition jsonb NOT NULL,
  unit text NOT NULL CHECK (unit IN ('count', 'percent', 'days', 'hours', 'euro', 'ratio')),
  period text NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
  baseline numeric,
  target numeric,
  breakdowns text[] NOT NULL DEFAULT '{}',
  source text NOT NULL CHECK (source IN ('computed', 'partner')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A partner's figure for one indicator and period; a correction is a new row that names the one it
-- supersedes (never an update), so the earlier value stays visible with who and when.
CREATE TABLE monitor_figures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id text NOT NULL REFERENCES monitor_indicators(id),
  period text NOT NULL CHECK (period ~ '^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  value numeric NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations(id),
  submitted_by uuid NOT NULL REFERENCES users(id),
  -- The submitter's name as it was (provenance that other organisations may read without the users table).
  submitted_by_name text NOT NULL DEFAULT '',
  submitted_at timestamptz NOT NULL DEFAULT now(),
  supersedes uuid REFERENCES monitor_figures(id),
  note text CHECK (length(note) <= 1000)
);
CREATE INDEX monitor_figures_indicator ON monitor_figures (indicator_id, period, submitted_at);
CREATE UNIQUE INDEX monitor_figures_one_correction ON monitor_figures (supersedes) WHERE supersedes IS NOT NULL;

-- A period the programme has closed: no partner figure for it any more.
CREATE TABLE monitor_closed_periods (
  period text PRIMARY KEY CHECK (period ~ '^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  org_id uuid NOT NULL REFERENCES organisations(id),
  closed_by uuid NOT NULL REFERENCES users(id),
  closed_at timestamptz NOT NULL DEFAULT now()
);

-- Counts of signals per month, channel, form, municipality and minor, rebuilt by the daily job
-- (monitor.aggregate) as the system. Requests only read them, and only through the suppression module.
CREATE TABLE monitor_signal_facts (
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  channel text NOT NULL,
  form text NOT NULL,
  municipality text NOT NULL,
  minor boolean NOT NULL,
  signals integer NOT NULL,
  routed integer NOT NULL,
  accepted integer NOT NULL,
  routed_within_sla integer NOT NULL,
  routing_hours double precision NOT NULL,
  acceptance_hours double precision NOT NULL,
  PRIMARY KEY (month, channel, form, municipality, minor)
);

-- Other published figures of the daily job (the latest size estimate, when it was computed).
CREATE TABLE monitor_snapshots (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);

-- The municipal self-assessment (VNG/CoMensha handvatten): each version a new row, for the actor's own
-- municipality only.
CREATE TABLE municipal_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  municipality text NOT NULL CHECK (municipality ~ '^GM\d{4}$'),
  version integer NOT NULL CHECK (version >= 1),
  answers jsonb NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]',
  submitted_by uuid NOT NULL REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality, version)
);
CREATE INDEX municipal_assessments_org ON municipal_assessments (org_id, version DESC);

GRANT SELECT, INSERT ON monitor_indicators, monitor_figures, monitor_closed_periods, municipal_assessments TO ketenplein_app;
GRANT SELECT ON monitor_signal_facts, monitor_snapshots TO ketenplein_app;

CREATE POLICY monitor_indicators_read ON monitor_indicators FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY monitor_indicators_add ON monitor_indicators FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY monitor_figures_read ON monitor_figures FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY monitor_figures_add ON monitor_figures FOR INSERT WITH CHECK (org_id = ketenplein_org());
CREATE POLICY monitor_closed_periods_read ON monitor_closed_periods FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY monitor_closed_periods_add ON monitor_closed_periods FOR INSERT WITH CHECK (org_id = ketenplein_org());
-- Facts and snapshots hold no organisation: only a chain-wide (statistics) decision reads them.
CREATE POLICY monitor_signal_facts_read ON monitor_signal_facts FOR SELECT USING (ketenplein_chain_scope());
CREATE POLICY monitor_snapshots_read ON monitor_snapshots FOR SELECT USING (ketenplein_chain_scope());
CREATE POLICY municipal_assessments_read ON municipal_assessments FOR SELECT
  USING (org_id = ketenplein_org() OR ketenplein_chain_scope());
CREATE POLICY municipal_assessments_add ON municipal_assessments FOR INSERT WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['monitor_indicators', 'monitor_figures', 'monitor_closed_periods',
  'monitor_signal_facts', 'monitor_snapshots', 'municipal_assessments']);
