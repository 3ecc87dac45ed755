import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import { CARE, orgIds, policeCase, referAndAccept } from '../helpers/cases.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Problem = { error: { code: string; field?: string; message: string } };
type Doc = {
  id: string;
  document_id: string;
  version: number;
  name: string;
  media_type: string;
  sha256: string;
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(200, 1)]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const EML = Buffer.from(
  'From: Wijkagent <wijkagent@politie.example>\r\nTo: team@politie.example\r\nSubject: Verklaring loods Zeeburg\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nDe getuige verklaarde dat de werknemers in de loods sliepen.\r\n',
);
const HTML_AS_EML = Buffer.from(
  'From: x@example.org\r\nSubject: hallo\r\n\r\n<html><body><script>alert(1)</script></body></html>',
);
const DOCX = Buffer.from(
  zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    'word/document.xml': strToU8('<w:document/>'),
  }),
);

/** A multipart upload from a logged-in client (or none: anonymous). */
async function upload(
  server: TestServer,
  client: ApiClient | null,
  caseId: string,
  name: string,
  content: Buffer,
  options: { type?: string; replaces?: string } = {},
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: options.type ?? 'application/pdf' }), name);
  const query = options.replaces ? `?replaces=${options.replaces}` : '';
  const response = await fetch(`${server.url}/api/v1/cases/${caseId}/documents${query}`, {
    method: 'POST',
    headers: client
      ? {
          cookie: client.cookie,
          'x-csrf-token': client.csrf,
          ...(client.purpose ? { 'x-ketenplein-purpose': client.purpose } : {}),
        }
      : {},
    body: form,
  });
  return {
    status: response.status,
    body: (await response.json()) as Problem &
      Doc & { sizeBytes: number; documentId: string; mediaType: string },
  };
}

describe(`cases: documents on ${databaseLabel}`, () => {
  let server: TestServer;
  let orgs: Map<string, string>;
  let caseId: string;
  let police: ApiClient;
  let care: ApiClient;
  let kmar: ApiClient;
  const count = async () =>
    Number(
      (await sql<{ n: string }>`SELECT count(*)::text AS n FROM case_documents`.execute(server.store.db))
        .rows[0].n,
    );

  before(async () => {
    // A small limit, so "too big" costs the test 2 MB, not 25.
    process.env.KETENPLEIN_CASE_DOCUMENT_MAX_MB = '1';
    server = await startTestServer();
    delete process.env.KETENPLEIN_CASE_DOCUMENT_MAX_MB;
    orgs = await orgIds(server);
    ({ id: caseId, police } = await policeCase(server, 'Doc'));
    care = await loginAs(server, CARE, 'care_coordination');
    kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
  });
  after(() => server.close());

  test('the lead uploads a PDF, a Word file and an e-mail; a download is an audited attachment, never inline', async () => {
    const pdf = await upload(server, police, caseId, 'proces-verbaal.pdf', PDF);
    assert.equal(pdf.status, 201, JSON.stringify(pdf.body));
    assert.equal(pdf.body.mediaType, 'application/pdf');
    assert.equal(pdf.body.sha256, createHash('sha256').update(PDF).digest('hex'));
    assert.equal(pdf.body.version, 1);
    // The declared type is ignored: the content decides.
    const docx = await upload(server, police, caseId, 'contract.docx', DOCX, { type: 'text/plain' });
    assert.equal(docx.status, 201, JSON.stringify(docx.body));
    assert.match(docx.body.mediaType, /wordprocessingml/);
    const eml = await upload(server, police, caseId, 'verklaring.eml', EML, { type: 'message/rfc822' });
    assert.equal(eml.status, 201, JSON.stringify(eml.body));
    assert.equal(eml.body.mediaType, 'message/rfc822');
    const stored = await sql<{
      text_content: string;
    }>`SELECT text_content FROM case_documents WHERE id = ${eml.body.id}`.execute(server.store.db);
    assert.match(stored.rows[0].text_content, /werknemers in de loods sliepen/);

    // A new version: a new row of the same document; the first stays as it was.
    const v2 = await upload(
      server,
      police,
      caseId,
      'proces-verbaal-v2.pdf',
      Buffer.concat([PDF, Buffer.from('%v2\n')]),
      {
        replaces: pdf.body.documentId,
      },
    );
    assert.equal(v2.status, 201, JSON.stringify(v2.body));
    assert.equal(v2.body.version, 2);
    assert.equal(v2.body.documentId, pdf.body.documentId);

    const list = await police.get<Doc[]>(`/api/v1/cases/${caseId}/documents`);
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 4);
    assert.ok(
      list.body.every((d) => !('content' in d)),
      'a listing carries no content',
    );

    const download = await police.request('GET', `/api/v1/case-documents/${pdf.body.id}/content`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(
      download.headers.get('content-disposition') ?? '',
      /^attachment; filename="proces-verbaal\.pdf"/,
    );
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(String(download.body), PDF.toString());
    const audited = await sql<{ n: string }>`SELECT count(*)::text AS n FROM audit_log
      WHERE resource = 'case_document' AND action = 'export' AND ${pdf.body.id} = ANY(record_ids)
        AND 'content' = ANY(fields) AND result = 'allowed'`.execute(server.store.db);
    assert.equal(audited.rows[0].n, '1', 'the download is in the audit log');
    // Versions are immutable: the application role may not change or remove one.
    const privileges = await sql<{ u: boolean; d: boolean }>`SELECT
      has_table_privilege('ketenplein_app', 'case_documents', 'UPDATE') AS u,
      has_table_privilege('ketenplein_app', 'case_documents', 'DELETE') AS d`.execute(server.store.db);
    assert.deepEqual(privileges.rows[0], { u: false, d: false });
  });

  test('refusals: a renamed executable, HTML, an e-mail that is HTML, an empty file, too big; nothing written', async () => {
    const before = await count();
    const exe = await upload(server, police, caseId, 'rapport.pdf', EXE);
    assert.equal(exe.status, 415, JSON.stringify(exe.body));
    assert.equal(exe.body.error.code, 'unsupported_document_type');
    assert.equal(exe.body.error.field, 'file');
    assert.match(exe.body.error.message, /exe/);
    const html = await upload(server, police, caseId, 'pagina.pdf', HTML, { type: 'application/pdf' });
    assert.equal(html.status, 415);
    const fake = await upload(server, police, caseId, 'bericht.eml', HTML_AS_EML, { type: 'message/rfc822' });
    assert.equal(fake.status, 415);
    const empty = await upload(server, police, caseId, 'leeg.pdf', Buffer.alloc(0));
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.code, 'empty_document');
    // Just over the limit (read and cut off at 1 MB), and far over it (refused on Content-Length).
    const big = await upload(
      server,
      police,
      caseId,
      'groot.pdf',
      Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]),
    );
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.equal(big.body.error.code, 'document_too_large');
    assert.match(big.body.error.message, /1 MB/);
    const huge = await upload(
      server,
      police,
      caseId,
      'huge.pdf',
      Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024)]),
    );
    assert.equal(huge.status, 413);
    assert.equal(await count(), before, 'no refused upload left a row');
    const english = await fetch(`${server.url}/api/v1/cases/${caseId}/documents`, {
      method: 'POST',
      headers: {
        cookie: police.cookie,
        'x-csrf-token': police.csrf,
        'x-ketenplein-purpose': 'criminal_investigation',
        'accept-language': 'en',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    assert.equal(english.status, 415);
  });

  test('another organisation, a recipient whose profile does not cover documents, and an anonymous caller see nothing', async () => {
    const pdf = await upload(server, police, caseId, 'geheim.pdf', PDF);
    assert.equal(pdf.status, 201);
    // KMar: no referral at all.
    assert.equal((await kmar.get(`/api/v1/cases/${caseId}/documents`)).status, 404);
    assert.equal((await kmar.get(`/api/v1/case-documents/${pdf.body.id}/content`)).status, 404);
    assert.equal((await upload(server, kmar, caseId, 'x.pdf', PDF)).status, 404);
    // Care: the care profile does not cover documents.
    await referAndAccept(
      police,
      caseId,
      orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!,
      'care',
      'care_coordination',
      care,
    );
    const refused = await care.get<Problem>(`/api/v1/cases/${caseId}/documents`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'profile_excludes_documents');
    assert.equal((await care.get(`/api/v1/case-documents/${pdf.body.id}/content`)).status, 404);
    assert.equal((await upload(server, care, caseId, 'x.pdf', PDF)).status, 403);
    // Anonymous.
    assert.equal((await fetch(`${server.url}/api/v1/cases/${caseId}/documents`)).status, 401);
    assert.equal((await fetch(`${server.url}/api/v1/case-documents/${pdf.body.id}/content`)).status, 401);
    assert.equal((await upload(server, null, caseId, 'x.pdf', PDF)).status, 401);
    // KMar under the criminal profile: reads and downloads, never uploads.
    await referAndAccept(
      police,
      caseId,
      orgs.get('Koninklijke Marechaussee')!,
      'criminal',
      'criminal_investigation',
      kmar,
    );
    const seen = await kmar.get<Doc[]>(`/api/v1/cases/${caseId}/documents`);
    assert.equal(seen.status, 200);
    assert.ok(seen.body.some((d) => d.id === pdf.body.id));
    assert.equal((await kmar.get(`/api/v1/case-documents/${pdf.body.id}/content`)).status, 200);
    const write = await upload(server, kmar, caseId, 'x.pdf', PDF);
    assert.equal(write.status, 403);
    assert.equal(write.body.error.code, 'not_case_lead');
  });
});
