-- FIU-Nederland's declared suspicious transactions (issue 18, items 3, 4 and 6): batches as FIU uploaded them
-- (every batch kept with who uploaded it), their transactions, and which signals a batch's money-flow
-- indicators became (with the accounts behind each signal, for the money-flow view).
-- Row-level security: FIU sees its own batches; an investigation service reaches them only under the
-- criminal_investigation purpose with a chain-wide decision (the grants give that only to investigators at
-- police, Inspectie SZW, KMar and OM). Nothing is ever changed: a batch is evidence as delivered.

CREATE TABLE fiu_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
  source text NOT NULL CHECK (source IN ('csv', 'xlsx')),
  row_count integer NOT NULL CHECK (row_count >= 1),
  -- The version of the money-flow rules (src/feeds/fiu-rules.v*.json) the batch was scored with.
  rules_version integer NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, reference)
);

CREATE TABLE fiu_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL REFERENCES fiu_batches(id),
  org_id uuid NOT NULL REFERENCES organisations(id),
  line integer NOT NULL,
  reference text NOT NULL,
  booked_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('transfer', 'cash_deposit', 'cash_withdrawal', 'card_payment')),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  description text,
  place text,
  -- Ordering and beneficiary party; an IBAN is absent only on the cash side of a cash deposit or withdrawal.
  ordering_name text NOT NULL,
  ordering_iban text CHECK (ordering_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$'),
  ordering_birth_date date,
  ordering_kvk text CHECK (ordering_kvk ~ '^[0-9]{8}$'),
  beneficiary_name text NOT NULL,
  beneficiary_iban text CHECK (beneficiary_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$'),
  beneficiary_birth_date date,
  beneficiary_kvk text CHECK (beneficiary_kvk ~ '^[0-9]{8}$'),
  institution_category text NOT NULL,
  fiu_indicators text[] NOT NULL DEFAULT '{}',
  UNIQUE (batch_id, reference)
);
CREATE INDEX fiu_transactions_batch ON fiu_transactions (batch_id);
-- The money-flow view looks transactions up by account, from either side.
CREATE INDEX fiu_transactions_ordering ON fiu_transactions (ordering_iban);
CREATE INDEX fiu_transactions_beneficiary ON fiu_transactions (beneficiary_iban);

-- A signal made from a batch: the accounts the indicators fired on and the reasons, so the money flows of
-- the signal (and of a case holding it) can be drawn without reading the signal itself.
CREATE TABLE fiu_signals (
  -- No foreign key: erasing a signal under the data-subject rights must not be blocked by the FIU link.
  signal_id uuid PRIMARY KEY,
  batch_id uuid NOT NULL REFERENCES fiu_batches(id),
  org_id uuid NOT NULL REFERENCES organisations(id),
  accounts text[] NOT NULL,
  reasons jsonb NOT NULL
);
CREATE INDEX fiu_signals_batch ON fiu_signals (batch_id);

ALTER TABLE fiu_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE fiu_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE fiu_signals ENABLE ROW LEVEL SECURITY;
CREATE POLICY fiu_batches_org ON fiu_batches
  USING (org_id = ketenplein_org() OR (ketenplein_chain_scope() AND ketenplein_purpose() = 'criminal_investigation'))
  WITH CHECK (org_id = ketenplein_org());
CREATE POLICY fiu_transactions_org ON fiu_transactions
  USING (org_id = ketenplein_org() OR (ketenplein_chain_scope() AND ketenplein_purpose() = 'criminal_investigation'))
  WITH CHECK (org_id = ketenplein_org());
CREATE POLICY fiu_signals_org ON fiu_signals
  USING (org_id = ketenplein_org() OR (ketenplein_chain_scope() AND ketenplein_purpose() = 'criminal_investigation'))
  WITH CHECK (org_id = ketenplein_org());

GRANT SELECT, INSERT ON fiu_batches, fiu_transactions, fiu_signals TO ketenplein_app;

SELECT ketenplein_harden(ARRAY['fiu_batches', 'fiu_transactions', 'fiu_signals']);
