-- The police unit acknowledges a missing-minor report on its page (issue 16, item 6): the institution sees on
-- the shared timeline that the police has it. A kind of timeline entry, written only by the police party.
ALTER TABLE missing_minor_events DROP CONSTRAINT missing_minor_events_kind_check;
ALTER TABLE missing_minor_events ADD CONSTRAINT missing_minor_events_kind_check
  CHECK (kind IN ('reported', 'acknowledged', 'sighting', 'note', 'returned'));
-- The police's found/returned carries where (free text, like a note): nothing new to store.
