import { purposesFor } from '../abilities.ts';
import type { SessionInfo } from '../api.ts';

/** What the cases API answers (src/cases/http.ts), as far as the pages use it. */
export interface CaseRow {
  id: string;
  reference: string;
  title: string;
  lead_org_name: string;
  approaches: string[];
  forms: string[];
  state: string;
  access_profile: string;
  open_tasks?: number;
}
export interface CasePerson {
  id: string;
  role: string;
  given_names?: string | null;
  prefix?: string | null;
  surname?: string | null;
  date_of_birth?: string | null;
  care_needs?: string;
}
export interface CaseTask {
  id: string;
  case_id: string;
  case_reference: string | null;
  title: string;
  owner_org_name: string;
  owner_name: string | null;
  due_on: string | null;
  state: string;
  overdue?: boolean;
}
export interface CaseReferral {
  id: string;
  case_id: string;
  case_reference: string;
  from_org_name: string;
  to_org_id: string;
  to_org_name: string;
  profile: string;
  purpose: string;
  state: string;
  ends_on: string;
  lapsed: boolean;
  overdue: boolean;
  lapsing: boolean;
}
export interface CaseFile extends CaseRow {
  summary?: string;
  outcome?: string | null;
  close_reason?: string | null;
  signals?: string[];
  persons: CasePerson[];
  companies: { id: string; name: string; kvk: string | null; premises: string }[];
  addresses: { id: string; kind: string; street: string; postcode: string; city: string }[];
  identifiers: { id: string; kind: string; value: string }[];
  events: { id: string; kind: string; event_date: string | null; place: string; description: string }[];
  tasks: CaseTask[];
  referrals: CaseReferral[];
  history: {
    id: string;
    action: string;
    at: string;
    actor_name: string | null;
    actor_org_name: string;
    note: string | null;
  }[];
}

/** The purposes the user works on cases under (from the grants, via /auth/me), in the server's order. */
export function casePurposes(session: SessionInfo): string[] {
  return purposesFor(session, 'case', 'read');
}

export const casePath = (id: string, purpose: string) => `/zaak/${id}?doel=${purpose}`;

export function purposeFromLocation(): string | null {
  return new URLSearchParams(window.location.search).get('doel');
}
