import type { Label } from '../../../src/domain/label.ts';
import { purposesFor } from '../abilities.ts';
import type { Answer, SessionInfo } from '../api.ts';

/** What the signals API answers (src/signals/http.ts), as far as the pages use it. */

export interface Sla {
  clock: 'first_assessment' | 'acceptance';
  elapsedWorkingDays: number;
  /** Working days left; negative when late (absent from servers before issue 19). */
  remainingWorkingDays?: number;
  status: 'green' | 'amber' | 'red';
  dueDate: string;
}

export interface QueueRow {
  id: string;
  channel: string;
  receivedAt: string;
  forms: string[];
  location: { municipality?: string; city?: string; country?: string } | null;
  involvesMinor: boolean;
  state: string;
  stateChangedAt: string;
  score?: number | null;
  priority?: string | null;
  recommendedRoute?: string | null;
  route?: string | null;
  routedOrgId?: string | null;
  sla?: Sla | null;
}

export interface TriageReason {
  code: string;
  points: number;
  label: Label;
}

export interface PersonView {
  role: string;
  givenNames: string | null;
  prefix: string | null;
  surname: string | null;
  alias: string | null;
  dateOfBirth: string | null;
  birthYear: number | null;
  gender: string | null;
  nationality: string | null;
  phones: string[];
  emails: string[];
  bsn: string | null;
  minor: string;
}

export interface SignalView extends QueueRow {
  externalReference: string | null;
  observedAt: string | null;
  indicators: { code: string; remark?: string }[];
  narrative: string;
  persons: PersonView[];
  companies: { name: string; kvk: string | null }[];
  vehicles: { plate: string; country: string }[];
  urls: { display?: string; url?: string; key: string }[];
  handles: { platform: string; handle: string }[];
  statusHistory: { state: string; at: string }[];
  triage?: {
    ruleSetVersion: number;
    score: number;
    priority: string;
    priorityReason?: Label;
    routeReason: Label;
    reasons: TriageReason[];
    /** Set when a decided link made triage score the signal again. */
    rescored?: {
      at: string;
      cause: Label;
      previousScore: number;
      previousPriority?: string;
      previousRoute?: string | null;
    };
  };
  rulesetVersion?: number;
  outcome?: string | null;
  history?: {
    from: string;
    to: string;
    action: string;
    detail: Record<string, string>;
    note: string | null;
    actorRole: string;
    at: string;
  }[];
  linkNotices?: { organisationId: string; organisation: string; kinds: string[] }[];
}

/** A confirmed link as the network view shows it. */
export type NetworkLink = Pick<LinkSuggestion, 'id' | 'kind' | 'reasons'>;

/** A link suggestion as the API answers it (generated from the OpenAPI document). */
export type LinkSuggestion = Answer<'/api/v1/signals/{id}/links', 'get'>[number];

export interface Organisation {
  id: string;
  name: string;
  type: string;
}

/**
 * The purposes the user acts under as a receiving team: those under which they may move a signal on,
 * other than central triage's (from the grants, via /auth/me), in the server's order; the first is used.
 */
export function teamPurposes(session: SessionInfo): string[] {
  return purposesFor(session, 'signal', 'transition').filter((purpose) => purpose !== 'signal_assessment');
}

export function teamPurpose(session: SessionInfo): string | undefined {
  return teamPurposes(session)[0];
}

/** Who views a signal: triage, the receiving team, or its reporter; each under its own purpose. */
export type Viewer = 'triage' | 'team' | 'mine';

/** Who looks at a signal page, from `?als=triage|team|mine`; null when the link does not say. */
export function viewerFromLocation(): Viewer | null {
  const as = new URLSearchParams(window.location.search).get('als');
  return as === 'triage' || as === 'team' || as === 'mine' ? as : null;
}

/** One way to open a signal: as whom, under which purpose. */
export interface SignalAccess {
  viewer: Viewer;
  purpose: string;
}

/**
 * The ways this user may open a signal, the one a link asks for first: a colleague's link
 * (`?als=triage`, or none at all) must open the signal under whatever purpose the user holds for it.
 * Only purposes the session holds are tried, so an attempt is never a refusal of the user's role.
 */
export function signalAccesses(session: SessionInfo, requested: Viewer | null): SignalAccess[] {
  const reads = purposesFor(session, 'signal', 'read');
  const held = (purpose: string) => reads.includes(purpose);
  const all: SignalAccess[] = [
    ...(held('signal_assessment') ? [{ viewer: 'triage' as const, purpose: 'signal_assessment' }] : []),
    ...teamPurposes(session)
      .filter(held)
      .map((purpose) => ({ viewer: 'team' as const, purpose })),
    ...(held('signal_intake') ? [{ viewer: 'mine' as const, purpose: 'signal_intake' }] : []),
  ];
  return [...all.filter((a) => a.viewer === requested), ...all.filter((a) => a.viewer !== requested)];
}

export function purposeOf(viewer: Viewer, session: SessionInfo): string {
  if (viewer === 'triage') return 'signal_assessment';
  if (viewer === 'team') return teamPurpose(session) ?? 'criminal_investigation';
  return 'signal_intake';
}

export function signalPath(id: string, viewer: Viewer): string {
  return `/melding/${id}?als=${viewer}`;
}

/** A person's name as it was reported: given names, prefix and surname. */
export function personName(person: Pick<PersonView, 'givenNames' | 'prefix' | 'surname' | 'alias'>): string {
  const name = [person.givenNames, person.prefix, person.surname].filter(Boolean).join(' ');
  return name || person.alias || '–';
}
