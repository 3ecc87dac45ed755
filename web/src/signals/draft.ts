/**
 * The intake form's state, its draft in sessionStorage (never sent to the server, without BSN, gone when
 * the tab closes or the user logs out), and the payload it
 * becomes. Empty optional fields are left out: the API refuses empty strings.
 */

export interface PersonDraft {
  role: string;
  givenNames: string;
  prefix: string;
  surname: string;
  dateOfBirth: string;
  birthYear: string;
  gender: string;
  nationality: string;
  phones: string;
  emails: string;
  bsn: string;
}

export interface CompanyDraft {
  name: string;
  kvk: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
}

export interface SignalDraft {
  channel: string;
  externalReference: string;
  observedAt: string;
  forms: string[];
  indicators: { code: string; remark: string }[];
  narrative: string;
  location: {
    municipality: string;
    street: string;
    houseNumber: string;
    postcode: string;
    city: string;
    country: string;
  };
  persons: PersonDraft[];
  companies: CompanyDraft[];
  vehicles: { plate: string; country: string }[];
  urls: string;
  handles: { platform: string; handle: string }[];
}

export const emptyPerson = (): PersonDraft => ({
  role: 'possible_victim',
  givenNames: '',
  prefix: '',
  surname: '',
  dateOfBirth: '',
  birthYear: '',
  gender: '',
  nationality: '',
  phones: '',
  emails: '',
  bsn: '',
});

export const emptyCompany = (): CompanyDraft => ({
  name: '',
  kvk: '',
  street: '',
  houseNumber: '',
  postcode: '',
  city: '',
});

export const emptyDraft = (): SignalDraft => ({
  channel: 'web_form',
  externalReference: '',
  observedAt: '',
  forms: [],
  indicators: [],
  narrative: '',
  location: { municipality: '', street: '', houseNumber: '', postcode: '', city: '', country: 'NL' },
  persons: [],
  companies: [],
  vehicles: [],
  urls: '',
  handles: [],
});

/** One entry per line (or separated by `;`), blanks dropped. */
export function lines(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

type Json = string | number | boolean | Json[] | { [key: string]: Json } | undefined;

/** Drops empty strings, empty lists and empty objects, recursively. */
export function compact(value: Json): Json {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) {
    const items = value.map(compact).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, compact(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

export function toPayload(draft: SignalDraft): Record<string, unknown> {
  const abroad = draft.location.country !== 'NL';
  const payload = compact({
    channel: draft.channel,
    externalReference: draft.externalReference,
    observedAt: draft.observedAt,
    forms: draft.forms,
    indicators: draft.indicators.map(({ code, remark }) => ({ code, remark })),
    narrative: draft.narrative,
    location: {
      ...draft.location,
      // A municipality picked before switching to a country abroad is not part of the signal.
      municipality: abroad ? '' : draft.location.municipality,
      postcode: abroad ? '' : draft.location.postcode,
    },
    persons: draft.persons.map((p) => ({
      role: p.role,
      givenNames: p.givenNames,
      prefix: p.prefix,
      surname: p.surname,
      dateOfBirth: p.dateOfBirth,
      birthYear: p.birthYear.trim() === '' ? undefined : Number(p.birthYear),
      gender: p.gender,
      nationality: p.nationality,
      phones: lines(p.phones),
      emails: lines(p.emails),
      bsn: p.bsn,
    })),
    companies: draft.companies.map((c) => ({
      name: c.name,
      kvk: c.kvk,
      address: compact({
        street: c.street,
        houseNumber: c.houseNumber,
        postcode: c.postcode,
        city: c.city,
      })
        ? { street: c.street, houseNumber: c.houseNumber, postcode: c.postcode, city: c.city }
        : undefined,
    })),
    vehicles: draft.vehicles,
    urls: lines(draft.urls),
    handles: draft.handles,
  }) as Record<string, unknown>;
  // A location with only the default country says nothing.
  const location = payload.location as Record<string, unknown> | undefined;
  if (location && Object.keys(location).length === 1 && location.country === 'NL') delete payload.location;
  return payload;
}

const DRAFT_PREFIX = 'ketenplein.signalDraft.';
const draftKey = (userId: string) => `${DRAFT_PREFIX}${userId}`;

/**
 * The draft lives in sessionStorage: a shared workstation keeps no intake after the tab closes or the user
 * logs out (deleteAllDrafts), and a BSN is never kept at all, it is typed again (issue 10, Low). Drafts an
 * older version left in localStorage are removed on first use.
 */
function dropLegacyDrafts(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(DRAFT_PREFIX)) localStorage.removeItem(key);
}

export function loadDraft(userId: string): SignalDraft | null {
  try {
    dropLegacyDrafts();
    const text = sessionStorage.getItem(draftKey(userId));
    return text ? { ...emptyDraft(), ...(JSON.parse(text) as Partial<SignalDraft>) } : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, draft: SignalDraft): void {
  try {
    const withoutBsn = { ...draft, persons: draft.persons.map((person) => ({ ...person, bsn: '' })) };
    sessionStorage.setItem(draftKey(userId), JSON.stringify(withoutBsn));
  } catch {
    // Storage may be full or blocked; the form still works, only without a draft.
  }
}

export function deleteDraft(userId: string): void {
  try {
    sessionStorage.removeItem(draftKey(userId));
  } catch {}
}

/** At logout: no draft of anyone stays in this browser. */
export function deleteAllDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
    dropLegacyDrafts();
  } catch {}
}

export function isEmptyDraft(draft: SignalDraft): boolean {
  return JSON.stringify(draft) === JSON.stringify(emptyDraft());
}

/**
 * The form field that shows an API error: list items (`urls.2`, `persons.0.phones.1`) belong to their
 * list's field, an indicator's problem to the indicator picker.
 */
export function errorField(path: string): string {
  if (path.startsWith('indicators')) return 'indicators';
  if (path.startsWith('forms')) return 'forms';
  const list = path.match(/^(urls|persons\.\d+\.phones|persons\.\d+\.emails)\.\d+$/);
  if (list) return list[1];
  if (/^companies\.\d+\.address\./.test(path)) return path.replace('.address', '');
  return path;
}
