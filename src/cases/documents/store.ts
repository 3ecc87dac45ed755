import { createHash, randomUUID } from 'node:crypto';
import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { invalidInput, label, Problem } from '../../domain/problem.ts';
import { profileCoversDocuments } from '../document-grants.ts';
import { CASE_NOT_FOUND, history, ledCase, profileOf } from '../store/cases.ts';
import { sniffDocument } from './sniff.ts';
import './tables.ts';

export const DOCUMENT_NOT_FOUND = 'Document niet gevonden / Document not found';

const iso = (value: Date | string) => new Date(value).toISOString();

/** 403: the case is shared with the actor, but its referral profile does not cover documents. */
function profileExcludesDocuments(): Problem {
  return new Problem(
    403,
    'profile_excludes_documents',
    label(
      'Het verwijzingsprofiel waaronder deze zaak met u gedeeld is, omvat geen documenten',
      'The referral profile this case is shared with you under does not cover documents',
    ),
  );
}

/** The case's profile for the actor: 404 when it does not see the case, 403 when the profile excludes documents. */
async function documentProfile(tx: AccessTx, caseId: string): Promise<string> {
  const seen = await tx.db
    .selectFrom('cases')
    .select(profileOf('cases.id').as('access_profile'))
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!seen?.access_profile) throw new NotFound(CASE_NOT_FOUND);
  if (!profileCoversDocuments(seen.access_profile)) throw profileExcludesDocuments();
  return seen.access_profile;
}

export interface DocumentUpload {
  name: string;
  content: Buffer;
  /** A document of this case of which this upload is the next version. */
  replaces?: string;
}

/** A file name as stored and offered for download: no path, no control characters, at most 255 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return Array.from(base)
    .filter((char) => char.charCodeAt(0) >= 32 && char.charCodeAt(0) !== 127 && char !== '"')
    .join('')
    .trim()
    .slice(0, 255);
}

/**
 * Adds a document (or a new version of one) to a case the actor's organisation leads. The content is checked
 * against the allow-list before anything is written; one insert, so a refusal writes nothing.
 */
export async function uploadDocument(tx: AccessTx, caseId: string, upload: DocumentUpload) {
  await ledCase(tx, await tx.authorize('update', 'case'), caseId);
  const decision = await tx.authorize('create', 'case_document');
  const name = cleanName(upload.name);
  if (!name) throw invalidInput('file', label('Het bestand heeft geen naam', 'The file has no name'));
  const sniffed = await sniffDocument(upload.content);
  const id = randomUUID();
  let documentId: string = id;
  let version = 1;
  if (upload.replaces) {
    const previous = await tx.db
      .selectFrom('case_documents')
      .select(['document_id', 'version'])
      .where('case_id', '=', caseId)
      .where('document_id', '=', upload.replaces)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!previous) {
      throw invalidInput('replaces', label('Geen document van deze zaak', 'Not a document of this case'));
    }
    documentId = previous.document_id;
    version = previous.version + 1;
  }
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  await tx.db
    .insertInto('case_documents')
    .values({
      id,
      case_id: caseId,
      document_id: documentId,
      version,
      name,
      media_type: sniffed.mediaType,
      size_bytes: upload.content.length,
      sha256,
      content: upload.content,
      text_content: sniffed.text,
      uploaded_by: tx.actor.userId,
      uploaded_by_org: tx.actor.orgId,
    })
    .execute();
  tx.record(decision, [id], ['name', 'content']);
  await history(tx, caseId, 'document_added', { id, documentId, version, name, sha256 });
  return {
    id,
    documentId,
    version,
    name,
    mediaType: sniffed.mediaType,
    sizeBytes: upload.content.length,
    sha256,
  };
}

function documentQuery(tx: AccessTx) {
  return tx.db
    .selectFrom('case_documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .innerJoin('organisations as o', 'o.id', 'd.uploaded_by_org')
    .select([
      'd.id',
      'd.case_id',
      'd.document_id',
      'd.version',
      'd.name',
      'd.media_type',
      'd.size_bytes',
      'd.sha256',
      'u.name as uploaded_by_name',
      'o.name as uploaded_org_name',
      'd.created_at',
      profileOf('d.case_id').as('access_profile'),
    ]);
}

/** The documents of a case, every version, newest version first per document (no content). */
export async function listDocuments(tx: AccessTx, caseId: string) {
  await documentProfile(tx, caseId);
  const decision = await tx.authorize('read', 'case_document');
  const rows = await documentQuery(tx)
    .where('d.case_id', '=', caseId)
    .where((eb) => decision.where(eb, 'd'))
    .orderBy('d.created_at')
    .orderBy('d.document_id')
    .orderBy('d.version', 'desc')
    .execute();
  return tx.disclose(
    decision,
    rows.map((row) => ({ ...row, created_at: iso(row.created_at) })),
  );
}

/** One version's file, for download: recorded in the audit log as an export of its content. */
export async function downloadDocument(tx: AccessTx, id: string) {
  const decision = await tx.authorize('export', 'case_document');
  const row = await documentQuery(tx)
    .select(['d.content'])
    .where('d.id', '=', id)
    .where((eb) => decision.where(eb, 'd'))
    .executeTakeFirst();
  if (!row) throw new NotFound(DOCUMENT_NOT_FOUND);
  tx.record(decision, [id], ['content']);
  await history(tx, row.case_id, 'document_downloaded', { id, version: row.version });
  return { name: row.name, mediaType: row.media_type, sha256: row.sha256, content: row.content };
}
