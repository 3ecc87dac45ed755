-- Least privilege (issue 10, finding 10): FORCE row-level security on the signal tables and evaluate the
-- scope functions once per query in their policies (ketenplein_harden, migration 0095).
SELECT ketenplein_harden(ARRAY['triage_rulesets', 'signals', 'signal_persons', 'signal_companies',
  'signal_identifiers', 'signal_transitions', 'signal_links']);
