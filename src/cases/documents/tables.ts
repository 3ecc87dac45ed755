import type { Generated } from 'kysely';

/** Migration 0203_case_documents.sql. */
export interface CaseDocumentTable {
  id: Generated<string>;
  case_id: string;
  document_id: string;
  version: Generated<number>;
  name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  text_content: Generated<string>;
  uploaded_by: string;
  uploaded_by_org: string;
  created_at: Generated<Date>;
}

declare module '../../store/schema.ts' {
  interface Database {
    case_documents: CaseDocumentTable;
  }
}
