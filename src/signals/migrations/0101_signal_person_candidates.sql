-- Persons of other signals that share a blocking key (phonetic name codes and dates, never a clear
-- name) with a new signal's persons, with only the parts a comparison needs. Runs as owner so intake
-- can compare persons across organisations, as signal_identifier_matches does for identifiers: the
-- caller keeps only the other signal's id and the reasons of a match, stored as a link suggestion
-- for chain-wide triage. Execution is limited to the application role.
CREATE FUNCTION signal_person_candidates(person_keys text[], exclude uuid, max_signals integer)
RETURNS TABLE (
  signal_id uuid, given_names text, prefix text, surname text, date_of_birth date, birth_year integer,
  gender text, nationality text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  -- Candidates share at least two blocking keys, most shared first: intake has a latency budget, and
  -- triage's own look at the links still searches on single keys.
  WITH candidates AS (
    SELECT i.signal_id FROM signal_identifiers i
    WHERE i.kind = 'person_key' AND i.value = ANY (person_keys) AND i.signal_id <> exclude
    GROUP BY i.signal_id HAVING count(*) >= 2
    ORDER BY count(*) DESC, i.signal_id
    LIMIT max_signals)
  SELECT p.signal_id, p.given_names, p.prefix, p.surname, p.date_of_birth, p.birth_year, p.gender, p.nationality
  FROM signal_persons p JOIN candidates c ON c.signal_id = p.signal_id
$$;
REVOKE ALL ON FUNCTION signal_person_candidates(text[], uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signal_person_candidates(text[], uuid, integer) TO ketenplein_app;
