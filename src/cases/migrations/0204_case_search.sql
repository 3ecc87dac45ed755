-- Full-text search over cases (issue 15, item 5) with the Dutch configuration, which PGlite has too.
-- Expression indexes rather than stored vectors: each part of a case keeps its own row-level security, and the
-- search asks each part under its own grant, so a part the user may not see can never make a case a hit.
-- The title and reference are seen under every profile; the summary only by the lead and the criminal profile.
CREATE INDEX cases_search_title ON cases USING gin (to_tsvector('dutch', reference || ' ' || title));
CREATE INDEX cases_search_summary ON cases USING gin (to_tsvector('dutch', summary));
CREATE INDEX case_persons_search ON case_persons USING gin (to_tsvector('dutch',
  coalesce(given_names, '') || ' ' || coalesce(prefix, '') || ' ' || coalesce(surname, '') || ' ' || coalesce(alias, '')));
CREATE INDEX case_tasks_search ON case_tasks USING gin (to_tsvector('dutch', title));
CREATE INDEX case_documents_search ON case_documents USING gin (to_tsvector('dutch', name || ' ' || text_content));
