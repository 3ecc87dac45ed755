-- Documents of a case (issue 15, item 4): attachments stored in the database (bytea) so they share the case's
-- transactions, backups and row-level security. A version is never changed or removed: a new version is a new
-- row of the same document (document_id, version), so what was shared once stays provable by its SHA-256.
-- Who sees a document: the lead organisation, and a recipient whose referral profile covers documents (the
-- criminal profile; src/cases/document-grants.ts says the same). Care and administrative profiles do not:
-- a document may name anyone in the case.
CREATE TABLE case_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  -- The first version's id; every later version of the same document carries it.
  document_id uuid NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  -- The type the content was sniffed as, never the name's extension or the type the client declared.
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  -- Text taken from the document for search (an e-mail's headers and body); empty when none.
  text_content text NOT NULL DEFAULT '',
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_by_org uuid NOT NULL REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version),
  CHECK (version > 1 OR document_id = id)
);
CREATE INDEX case_documents_case ON case_documents (case_id, document_id, version DESC);
-- No UPDATE, no DELETE: versions are immutable.
GRANT SELECT, INSERT ON case_documents TO ketenplein_app;
CREATE POLICY case_documents_visible ON case_documents FOR SELECT USING (
  case_profile(case_id) IN ('lead', 'criminal'));
CREATE POLICY case_documents_add ON case_documents FOR INSERT WITH CHECK (
  case_led(case_id) AND uploaded_by_org = ketenplein_org());

SELECT ketenplein_harden(ARRAY['case_documents']);
