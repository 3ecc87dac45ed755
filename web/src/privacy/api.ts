import { DECISIONS, REQUEST_KINDS as KINDS, LEGAL_GROUNDS } from '../../../src/privacy/vocabulary.ts';
import { api } from '../api.ts';

/** The privacy officer's calls to /api/v1/privacy, always under the purpose data_subject_request. */
export const purpose = 'data_subject_request';

export { DECISIONS, KINDS, LEGAL_GROUNDS };

export interface SubjectRequest {
  id: string;
  kind: (typeof KINDS)[number];
  reference: string;
  receivedOn: string;
  deadline: string;
  extendedUntil: string | null;
  status: 'open' | 'extended' | 'decided';
  decision: (typeof DECISIONS)[number] | null;
  personIds: string[];
  overdue: boolean;
}

export interface FoundPerson {
  personId: string;
  signalId: string;
  role: string;
  /** `possible`: likely but not certain; the officer judges it (never answered as "nothing held"). */
  match: { by: string; certainty?: 'match' | 'possible'; score?: number };
  data: {
    givenNames: string | null;
    prefix: string | null;
    surname: string | null;
    dateOfBirth: string | null;
    /** Held when only the year of birth is known. */
    birthYear?: number | null;
    bsn: string | null;
  };
  restricted: boolean;
}

export interface SearchResult {
  persons: FoundPerson[];
  otherOrganisations: {
    organisationId: string;
    organisation: string;
    matchedOn: string;
    contacts: string[];
  }[];
}

const base = (id: string) => `/privacy/requests/${id}`;

export const privacyApi = {
  list: () => api<SubjectRequest[]>('GET', '/privacy/requests', { purpose }),
  create: (body: { kind: string; reference: string; receivedOn: string }) =>
    api<SubjectRequest>('POST', '/privacy/requests', { purpose, body }),
  search: (id: string, body: Record<string, string>) =>
    api<SearchResult>('POST', `${base(id)}/search`, { purpose, body }),
  attach: (id: string, personIds: string[]) =>
    api<SubjectRequest>('POST', `${base(id)}/persons`, { purpose, body: { personIds } }),
  report: (id: string) => api<unknown>('GET', `${base(id)}/report`, { purpose }),
  restrict: (id: string, lift: boolean) =>
    api<unknown>('POST', `${base(id)}/restriction`, { purpose, body: { lift } }),
  erase: (id: string) =>
    api<{ erased: string[]; refused: unknown[] }>('POST', `${base(id)}/erasure`, { purpose, body: {} }),
  extend: (id: string, months: number, reason: string) =>
    api<SubjectRequest>('POST', `${base(id)}/extend`, { purpose, body: { months, reason } }),
  decide: (id: string, body: { decision: string; reason: string; legalGround?: string }) =>
    api<SubjectRequest>('POST', `${base(id)}/decision`, { purpose, body }),
};
