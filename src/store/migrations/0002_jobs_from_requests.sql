-- A request may enqueue a job inside its own transaction, so the job and the work that asks for it
-- commit together (no stuck "queued" record when the process dies in between). Reading or changing
-- jobs stays with the owner-side worker.
GRANT INSERT ON jobs TO ketenplein_app;
-- RETURNING id needs SELECT on that column only; the payloads of other jobs stay unreadable.
GRANT SELECT (id) ON jobs TO ketenplein_app;
DO $$ BEGIN
  EXECUTE format('GRANT USAGE ON SEQUENCE %I.jobs_id_seq TO ketenplein_app', current_schema());
END $$;
