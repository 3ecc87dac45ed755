-- Cases (zaken): one case file shared between partners by referral (issue 15, items 1 and 2).
-- A case is its lead organisation's. Another organisation sees it only through an accepted referral that
-- has not been revoked or lapsed, under the referral's own purpose, and then only the parts of the referral's
-- profile: care (the possible victims and their care needs), administrative (companies, addresses, premises;
-- suspects and facilitators, never a victim's identity) or criminal (everything). The access rules in
-- src/access/rules/cases.ts say the same; these policies are the second line.

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  lead_org_id uuid NOT NULL REFERENCES organisations(id),
  owner_user_id uuid NOT NULL REFERENCES users(id),
  approaches text[] NOT NULL CHECK (cardinality(approaches) > 0
    AND approaches <@ ARRAY['criminal', 'administrative', 'care']::text[]),
  forms text[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'on_hold', 'closed')),
  outcome text CHECK (outcome IN ('referred_to_prosecution', 'administrative_measure', 'care_only',
    'no_trafficking', 'transferred', 'other')),
  close_reason text,
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX cases_lead ON cases (lead_org_id, state, created_at DESC);
CREATE SEQUENCE case_reference_seq;
GRANT USAGE ON SEQUENCE case_reference_seq TO ketenplein_app;

-- Referrals: who shares which case with whom, for what purpose, on which legal basis, under which profile.
CREATE TABLE case_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  -- The case's reference, so a recipient can name a pending referral without seeing the case.
  case_reference text NOT NULL,
  from_org_id uuid NOT NULL REFERENCES organisations(id),
  to_org_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid NOT NULL REFERENCES users(id),
  profile text NOT NULL CHECK (profile IN ('care', 'administrative', 'criminal')),
  purpose text NOT NULL,
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent', 'legal_obligation', 'public_task', 'vital_interest')),
  legal_basis_note text NOT NULL DEFAULT '',
  -- When the basis is consent: who gave it, when, for what, how it was recorded.
  consent jsonb,
  note text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'accepted', 'declined', 'completed', 'revoked')),
  decline_reason text,
  ends_on date NOT NULL,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  revoked_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_org_id <> to_org_id),
  CHECK (legal_basis <> 'consent' OR consent IS NOT NULL)
);
CREATE INDEX case_referrals_case ON case_referrals (case_id);
CREATE INDEX case_referrals_to ON case_referrals (to_org_id, state);
CREATE INDEX case_referrals_from ON case_referrals (from_org_id, state);
GRANT SELECT, INSERT, UPDATE ON case_referrals TO ketenplein_app;
CREATE POLICY case_referrals_visible ON case_referrals FOR SELECT USING (
  from_org_id = ketenplein_org() OR to_org_id = ketenplein_org());
CREATE POLICY case_referrals_add ON case_referrals FOR INSERT WITH CHECK (from_org_id = ketenplein_org());
CREATE POLICY case_referrals_change ON case_referrals FOR UPDATE
  USING (from_org_id = ketenplein_org() OR to_org_id = ketenplein_org())
  WITH CHECK (from_org_id = ketenplein_org() OR to_org_id = ketenplein_org());

-- The profile under which the current organisation and purpose see a case: 'lead' for the lead organisation,
-- else the widest profile of a live referral (accepted, not lapsed) made for this very purpose; NULL if none.
CREATE FUNCTION case_profile(target uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cases c WHERE c.id = target AND c.lead_org_id = ketenplein_org()) THEN 'lead'
    ELSE (SELECT r.profile FROM case_referrals r
          WHERE r.case_id = target AND r.to_org_id = ketenplein_org() AND r.state = 'accepted'
            AND r.ends_on >= current_date AND r.purpose = ketenplein_purpose()
          ORDER BY array_position(ARRAY['criminal', 'administrative', 'care'], r.profile) LIMIT 1)
  END $$;

GRANT SELECT, INSERT, UPDATE ON cases TO ketenplein_app;
CREATE POLICY cases_visible ON cases FOR SELECT USING (
  lead_org_id = ketenplein_org() OR EXISTS (SELECT 1 FROM case_referrals r
    WHERE r.case_id = cases.id AND r.to_org_id = ketenplein_org() AND r.state = 'accepted'
      AND r.ends_on >= current_date AND r.purpose = ketenplein_purpose()));
CREATE POLICY cases_add ON cases FOR INSERT WITH CHECK (lead_org_id = ketenplein_org());
CREATE POLICY cases_change ON cases FOR UPDATE USING (lead_org_id = ketenplein_org())
  WITH CHECK (lead_org_id = ketenplein_org());

-- Whether the current organisation leads this case (writes to a case's parts are the lead's).
CREATE FUNCTION case_led(target uuid) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = target AND c.lead_org_id = ketenplein_org()) $$;

-- The signals a case was opened from or that were added to it.
CREATE TABLE case_signals (
  case_id uuid NOT NULL REFERENCES cases(id),
  signal_id uuid NOT NULL REFERENCES signals(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, signal_id)
);
GRANT SELECT, INSERT ON case_signals TO ketenplein_app;
CREATE POLICY case_signals_visible ON case_signals FOR SELECT USING (case_profile(case_id) IN ('lead', 'criminal'));
CREATE POLICY case_signals_add ON case_signals FOR INSERT WITH CHECK (case_led(case_id));

CREATE TABLE case_persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  role text NOT NULL CHECK (role IN ('possible_victim', 'suspect', 'witness', 'facilitator', 'other')),
  given_names text,
  prefix text,
  surname text,
  alias text,
  date_of_birth date,
  gender text,
  nationality text,
  phones text[] NOT NULL DEFAULT '{}',
  emails text[] NOT NULL DEFAULT '{}',
  minor boolean NOT NULL DEFAULT false,
  care_needs text NOT NULL DEFAULT '',
  remark text NOT NULL DEFAULT '',
  source_signal_id uuid REFERENCES signals(id),
  restricted_at timestamptz,
  erased_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_persons_case ON case_persons (case_id);
GRANT SELECT, INSERT, UPDATE ON case_persons TO ketenplein_app;
CREATE POLICY case_persons_visible ON case_persons FOR SELECT USING (
  (restricted_at IS NULL OR ketenplein_purpose() = 'data_subject_request') AND (
    case_profile(case_id) IN ('lead', 'criminal')
    OR (case_profile(case_id) = 'care' AND role = 'possible_victim')
    OR (case_profile(case_id) = 'administrative' AND role IN ('suspect', 'facilitator'))));
CREATE POLICY case_persons_add ON case_persons FOR INSERT WITH CHECK (case_led(case_id));
CREATE POLICY case_persons_change ON case_persons FOR UPDATE USING (case_led(case_id)) WITH CHECK (case_led(case_id));

CREATE TABLE case_companies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  name text NOT NULL,
  kvk text,
  premises text NOT NULL DEFAULT '',
  remark text NOT NULL DEFAULT '',
  source_signal_id uuid REFERENCES signals(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_companies_case ON case_companies (case_id);
GRANT SELECT, INSERT ON case_companies TO ketenplein_app;
CREATE POLICY case_companies_visible ON case_companies FOR SELECT USING (
  case_profile(case_id) IN ('lead', 'criminal', 'administrative'));
CREATE POLICY case_companies_add ON case_companies FOR INSERT WITH CHECK (case_led(case_id));

CREATE TABLE case_addresses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('premises', 'residence', 'workplace', 'other')),
  street text NOT NULL DEFAULT '',
  postcode text NOT NULL DEFAULT '',
  city text NOT NULL DEFAULT '',
  person_id uuid REFERENCES case_persons(id),
  company_id uuid REFERENCES case_companies(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_addresses_case ON case_addresses (case_id);
GRANT SELECT, INSERT ON case_addresses TO ketenplein_app;
-- An address that is a person's residence would point at that person: the administrative profile sees
-- premises and workplaces only.
CREATE POLICY case_addresses_visible ON case_addresses FOR SELECT USING (
  case_profile(case_id) IN ('lead', 'criminal')
  OR (case_profile(case_id) = 'administrative' AND kind IN ('premises', 'workplace')));
CREATE POLICY case_addresses_add ON case_addresses FOR INSERT WITH CHECK (case_led(case_id));

CREATE TABLE case_identifiers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email', 'url', 'handle', 'plate', 'kvk', 'iban', 'other')),
  value text NOT NULL,
  person_id uuid REFERENCES case_persons(id),
  source_signal_id uuid REFERENCES signals(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, kind, value)
);
GRANT SELECT, INSERT, DELETE ON case_identifiers TO ketenplein_app;
CREATE POLICY case_identifiers_visible ON case_identifiers FOR SELECT USING (case_profile(case_id) IN ('lead', 'criminal'));
CREATE POLICY case_identifiers_add ON case_identifiers FOR INSERT WITH CHECK (case_led(case_id));
CREATE POLICY case_identifiers_remove ON case_identifiers FOR DELETE USING (case_led(case_id));

-- The timeline (after IOM's Human Trafficking Case Data Standard: recruitment, transport, exploitation, exit).
CREATE TABLE case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('recruitment', 'transport', 'exploitation', 'exit', 'other')),
  event_date date,
  place text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case ON case_events (case_id, event_date);
GRANT SELECT, INSERT ON case_events TO ketenplein_app;
CREATE POLICY case_events_visible ON case_events FOR SELECT USING (case_profile(case_id) IN ('lead', 'criminal'));
CREATE POLICY case_events_add ON case_events FOR INSERT WITH CHECK (case_led(case_id));

-- Tasks: owned by a user of an organisation or by an organisation; the owning organisation sees and updates
-- its own tasks even when it does not lead the case (an action agreed in a consultation).
CREATE TABLE case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  title text NOT NULL,
  owner_org_id uuid NOT NULL REFERENCES organisations(id),
  owner_user_id uuid REFERENCES users(id),
  due_on date,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX case_tasks_case ON case_tasks (case_id);
CREATE INDEX case_tasks_owner ON case_tasks (owner_org_id, state, due_on);
GRANT SELECT, INSERT, UPDATE ON case_tasks TO ketenplein_app;
CREATE POLICY case_tasks_visible ON case_tasks FOR SELECT USING (
  case_profile(case_id) IN ('lead', 'criminal') OR owner_org_id = ketenplein_org());
CREATE POLICY case_tasks_add ON case_tasks FOR INSERT WITH CHECK (case_led(case_id));
CREATE POLICY case_tasks_change ON case_tasks FOR UPDATE
  USING (case_led(case_id) OR owner_org_id = ketenplein_org())
  WITH CHECK (case_led(case_id) OR owner_org_id = ketenplein_org());

-- Every step of a case and of its referrals: who, when, why. Append-only.
CREATE TABLE case_history (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  action text NOT NULL,
  from_state text,
  to_state text,
  detail jsonb NOT NULL DEFAULT '{}',
  note text,
  actor_user_id uuid NOT NULL REFERENCES users(id),
  actor_org_id uuid NOT NULL REFERENCES organisations(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_history_case ON case_history (case_id, id);
GRANT SELECT, INSERT ON case_history TO ketenplein_app;
GRANT USAGE ON SEQUENCE case_history_id_seq TO ketenplein_app;
CREATE POLICY case_history_visible ON case_history FOR SELECT USING (case_led(case_id));
-- A recipient records its own steps on a referral (accept, decline, complete) in the case's history.
CREATE POLICY case_history_add ON case_history FOR INSERT WITH CHECK (
  actor_org_id = ketenplein_org() AND (case_led(case_id) OR EXISTS (SELECT 1 FROM case_referrals r
    WHERE r.case_id = case_history.case_id AND r.to_org_id = ketenplein_org())
  OR EXISTS (SELECT 1 FROM case_tasks t
    WHERE t.case_id = case_history.case_id AND t.owner_org_id = ketenplein_org())));

SELECT ketenplein_harden(ARRAY['cases', 'case_referrals', 'case_signals', 'case_persons', 'case_companies',
  'case_addresses', 'case_identifiers', 'case_events', 'case_tasks', 'case_history']);
