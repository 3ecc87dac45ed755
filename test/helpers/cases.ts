import assert from 'node:assert/strict';
import { type ApiClient, loginAs, type TestServer } from './server.ts';

/** Demo users of the case tests (src/store/demo.ts). */
export const POLICE = 'rechercheur@politie-amsterdam.example';
export const CARE = 'zorgcoordinator@zorg-amsterdam.example';
export const MUNICIPALITY = 'coordinator@gemeente-amsterdam.example';
export const CHAIR = 'voorzitter@riec-amsterdam.example';
export const TRIAGE = 'triage@politie-le.example';

export async function orgIds(server: TestServer): Promise<Map<string, string>> {
  const rows = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.name, row.id]));
}

export function addDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A signal reported by the municipality, routed by triage to the police in Amsterdam and accepted there:
 * a possible victim (with a tag in the surname), a suspect, a company with an address and a phone.
 */
export async function acceptedSignal(server: TestServer, tag: string): Promise<string> {
  const orgs = await orgIds(server);
  const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
  const reported = await reporter.post<{ id: string }>('/api/v1/signals', {
    forms: ['labour'],
    indicators: [{ code: 'ilo.retention_of_documents' }],
    narrative: `Werknemers slapen in de loods (${tag}).`,
    persons: [
      {
        role: 'possible_victim',
        givenNames: `Slachtoffer${tag}`,
        surname: `Victim${tag}`,
        dateOfBirth: '1990-03-01',
        phones: ['06-12345678'],
      },
      { role: 'possible_suspect', givenNames: `Dader${tag}`, surname: `Suspect${tag}` },
    ],
    companies: [
      // No company address: GET /signals/:id answers 500 for one today (signals' response schema; reported).
      { name: `Uitzendbureau ${tag} BV`, kvk: '12345678' },
    ],
  });
  assert.equal(reported.status, 201, JSON.stringify(reported.body));
  const id = reported.body.id;
  const triage = await loginAs(server, TRIAGE, 'signal_assessment');
  assert.equal(
    (await triage.post(`/api/v1/signals/${id}/transitions`, { action: 'start_triage' })).status,
    200,
  );
  const routed = await triage.post(`/api/v1/signals/${id}/transitions`, {
    action: 'route',
    route: 'police_avim',
    team: orgs.get('Politie Eenheid Amsterdam'),
  });
  assert.equal(routed.status, 200, JSON.stringify(routed.body));
  const police = await loginAs(server, POLICE, 'criminal_investigation');
  const accepted = await police.post(`/api/v1/signals/${id}/transitions`, { action: 'accept' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return id;
}

/** Opens a case at the police from an accepted signal, with a witness, an event and a residence address. */
export async function policeCase(
  server: TestServer,
  tag: string,
): Promise<{ id: string; police: ApiClient }> {
  const signal = await acceptedSignal(server, tag);
  const police = await loginAs(server, POLICE, 'criminal_investigation');
  const opened = await police.post<{ id: string; reference: string }>('/api/v1/cases', {
    title: `Loods ${tag}`,
    summary: `Samenvatting met opsporingsinformatie ${tag}`,
    approaches: ['criminal', 'care'],
    signalIds: [signal],
    persons: [{ role: 'witness', givenNames: 'Getuige', surname: `Witness${tag}` }],
    addresses: [
      { kind: 'residence', street: `Woonstraat ${tag}`, city: 'Amsterdam' },
      { kind: 'premises', street: 'Havenweg 1', postcode: '1011 AB', city: 'Amsterdam' },
    ],
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const event = await police.post(`/api/v1/cases/${opened.body.id}/events`, {
    kind: 'recruitment',
    date: '2026-03-29',
    place: `Wervingsplaats ${tag}`,
  });
  assert.equal(event.status, 201, JSON.stringify(event.body));
  return { id: opened.body.id, police };
}

/** Refers a case and has the recipient accept it; returns the referral id. */
export async function referAndAccept(
  sender: ApiClient,
  caseId: string,
  toOrgId: string,
  profile: string,
  purpose: string,
  recipient: ApiClient,
): Promise<string> {
  const referred = await sender.post<{ id: string }>(`/api/v1/cases/${caseId}/referrals`, {
    toOrgId,
    profile,
    purpose,
    legalBasis: 'public_task',
    endsOn: addDays(30),
  });
  assert.equal(referred.status, 201, JSON.stringify(referred.body));
  const accepted = await recipient.post(`/api/v1/case-referrals/${referred.body.id}/transitions`, {
    action: 'accept',
  });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return referred.body.id;
}

/** Uploads a document to a case as multipart/form-data (issue 15, item 4); returns status and body. */
export async function uploadCaseDocument(
  client: ApiClient,
  caseId: string,
  name: string,
  content: Buffer | string,
): Promise<{ status: number; body: { id: string; documentId: string; error?: { code: string } } }> {
  const form = new FormData();
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${client.baseUrl}/api/v1/cases/${caseId}/documents`, {
    method: 'POST',
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      ...(client.purpose ? { 'x-ketenplein-purpose': client.purpose } : {}),
    },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

/** The smallest PDF the document tests upload. */
export const TINY_PDF =
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
