import type { Generated } from 'kysely';

/** The consultation tables (migration 0201_consultations.sql) as Kysely sees them. */
export interface ConsultationTable {
  id: Generated<string>;
  title: string;
  chair_org_id: string;
  org_ids: string[];
  starts_at: Date;
  ends_at: Date;
  location: Generated<string>;
  state: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  held_at: Date | null;
}

export interface ConsultationPersonTable {
  consultation_id: string;
  user_id: string;
  org_id: string;
  name: string;
  added_at: Generated<Date>;
}

export interface ConsultationItemTable {
  id: Generated<string>;
  consultation_id: string;
  case_id: string;
  position: number;
  added_by_org: string;
  carried_over: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ConsultationNoteTable {
  id: Generated<string>;
  item_id: string;
  consultation_id: string;
  case_id: string;
  kind: string;
  text: string;
  org_id: string;
  author_user_id: string;
  task_id: string | null;
  created_at: Generated<Date>;
}

declare module '../../store/schema.ts' {
  interface Database {
    consultations: ConsultationTable;
    consultation_people: ConsultationPersonTable;
    consultation_items: ConsultationItemTable;
    consultation_notes: ConsultationNoteTable;
  }
}
