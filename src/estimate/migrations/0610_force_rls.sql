-- Least privilege (issue 10, finding 10): FORCE row-level security on the estimation tables and evaluate the
-- scope functions once per query in their policies (ketenplein_harden, migration 0095).
SELECT ketenplein_harden(ARRAY['estimation_rounds', 'estimation_round_lists', 'estimation_round_encodings',
  'estimates']);
