-- Data-subject rights over all of care (AVG art. 15-19; src/care/personal-data.ts). Erasure on request must be
-- able to reach the records care holds besides the client file, so each gets what its erasure needs.

-- Art. 19: erasing a client does not silently delete a copy a receiving provider confirmed (it is that
-- provider's file now, under its own duties); the coordinator's erasure marks the copy, and the receiver sees
-- the notice on its incoming handovers and decides (its own privacy officer erases the copy on request).
ALTER TABLE care_handovers ADD COLUMN source_erased_at timestamptz;

-- A CoMensha registration holds no name, only the keyed encoding: erasing it removes the encoding and the
-- link to the client file, so the monitor variables stay as an anonymous count (art. 17(3)(d), art. 89).
ALTER TABLE victim_registrations ALTER COLUMN encoding DROP NOT NULL;
ALTER TABLE victim_registrations ADD COLUMN erased_at timestamptz;
ALTER TABLE victim_registrations ADD CONSTRAINT victim_registrations_erased
  CHECK ((erased_at IS NULL) = (encoding IS NOT NULL));
GRANT UPDATE (encoding, source_client_id, erased_at) ON victim_registrations TO ketenplein_app;
CREATE POLICY victim_registrations_erase ON victim_registrations FOR UPDATE
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

-- A missing-minor report, once the minor is back, is erased by the institution that made it (Jeugdwet
-- art. 7.3.9: the client may have the file destroyed): names, date of birth, description and timeline notes.
ALTER TABLE missing_minors ALTER COLUMN date_of_birth DROP NOT NULL;
ALTER TABLE missing_minors ADD COLUMN erased_at timestamptz;
GRANT UPDATE (note) ON missing_minor_events TO ketenplein_app;
CREATE POLICY missing_minor_events_erase ON missing_minor_events FOR UPDATE
  USING (org_id = ketenplein_org()) WITH CHECK (org_id = ketenplein_org());

SELECT ketenplein_harden(ARRAY['victim_registrations', 'missing_minor_events']);
