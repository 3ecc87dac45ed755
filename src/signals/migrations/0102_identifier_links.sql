-- Signals that share an identifier are linked through the identifier, not pairwise (issue 12, item 5).
-- A file whose rows share one phone number made one signal_links row per pair: 200 rows gave 94,417
-- rows. The identifiers are already stored once per signal (signal_identifiers, indexed on kind and
-- value), so a link by identifier is derived by a join when it is read; signal_links keeps only the
-- person matches (which need a comparison) and the identifier links a triage analyst has decided.

-- The id of a derived link: the same for both directions, so the client can confirm or reject it and the
-- decision is stored under that id. Shaped as a name-based (version 5 style) UUID, as clients check the form.
CREATE FUNCTION signal_identifier_link_id(a uuid, b uuid, kind text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-5' || substr(h, 14, 3) || '-8' || substr(h, 18, 3)
    || '-' || substr(h, 21, 12))::uuid
  FROM md5(least(a, b)::text || '|' || greatest(a, b)::text || '|' || kind) AS h
$$;
GRANT EXECUTE ON FUNCTION signal_identifier_link_id(uuid, uuid, text) TO ketenplein_app;

-- Undecided identifier links are derived from now on; decided ones stay (they hold who decided, when).
DELETE FROM signal_links
WHERE status = 'suggested' AND kind IN ('phone', 'email', 'kvk', 'plate', 'url', 'handle', 'bsn');

-- "Match, then talk" counts the derived identifier links as well, minus those triage rejected.
CREATE OR REPLACE FUNCTION signal_link_notices(target uuid)
RETURNS TABLE (org_id uuid, org_name text, kind text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  WITH others AS (
    SELECT CASE WHEN l.signal_id = target THEN l.other_signal_id ELSE l.signal_id END AS other, l.kind
    FROM signal_links l
    WHERE (l.signal_id = target OR l.other_signal_id = target) AND l.status <> 'rejected'
    UNION
    SELECT o.signal_id, i.kind
    FROM signal_identifiers i
    JOIN signal_identifiers o ON o.kind = i.kind AND o.value = i.value AND o.signal_id <> i.signal_id
    WHERE i.signal_id = target AND i.kind <> 'person_key'
      AND NOT EXISTS (
        SELECT 1 FROM signal_links r
        WHERE r.status = 'rejected' AND r.kind = i.kind
          AND ((r.signal_id = target AND r.other_signal_id = o.signal_id)
            OR (r.signal_id = o.signal_id AND r.other_signal_id = target)))
  )
  SELECT DISTINCT org.id, org.name, x.kind
  FROM signals t
  JOIN others x ON true
  JOIN signals s ON s.id = x.other
  JOIN organisations org ON org.id = s.reporter_org_id
  WHERE t.id = target
    AND (t.reporter_org_id = ketenplein_org() OR t.routed_org_id = ketenplein_org() OR ketenplein_chain_scope())
    AND s.reporter_org_id <> ketenplein_org()
$$;
