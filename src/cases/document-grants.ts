import type { Grant } from '../access/grant.ts';
import { CASE_PURPOSES, CASE_ROLES, caseRows } from './grants.ts';

/**
 * Who sees a case's documents (issue 15, item 4). A document may name anyone in the case (a victim's
 * statement, a suspect's contract), so only the lead organisation and a recipient whose referral profile
 * covers documents see them: the criminal profile. The care and administrative profiles do not; migration
 * 0203's policy says the same. Only the lead uploads; every download is recorded as an export.
 */
export const DOCUMENT_PROFILES = ['lead', 'criminal'] as const;

/** Whether a referral profile (or the lead) covers a case's documents. */
export function profileCoversDocuments(profile: string | null | undefined): boolean {
  return (DOCUMENT_PROFILES as readonly string[]).includes(profile ?? '');
}

export const DOCUMENT_FIELDS = [
  'id',
  'case_id',
  'document_id',
  'version',
  'name',
  'media_type',
  'size_bytes',
  'sha256',
  'uploaded_by_name',
  'uploaded_org_name',
  'created_at',
  'access_profile',
  // The file itself: only downloaded (export), never in a listing.
  'content',
] as const;

const base = { roles: CASE_ROLES, purposes: CASE_PURPOSES } as const;

export const documentGrants: Grant[] = [
  {
    ...base,
    resource: 'case_document',
    actions: ['read', 'create', 'export'],
    rows: caseRows(['lead'], 'case_id'),
    fields: DOCUMENT_FIELDS,
    writable: ['name', 'content'],
    legalBasis:
      'Wpg art. 8/13, Gemeentewet, Wmo 2015 (per doel): de regievoerende organisatie van de zaak / the organisation leading the case',
  },
  {
    ...base,
    resource: 'case_document',
    actions: ['read', 'export'],
    rows: caseRows(['criminal'], 'case_id'),
    fields: DOCUMENT_FIELDS,
    legalBasis:
      'Verwijzing met strafrechtelijk profiel (Wpg art. 16-20) / referral under the criminal profile',
  },
];
