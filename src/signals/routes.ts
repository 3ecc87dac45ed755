import type { Label } from '../domain/label.ts';

/** The three tracks a signal can take, and the teams within them that triage can route to. */
export const TRACKS = ['criminal', 'administrative', 'care'] as const;
export type Track = (typeof TRACKS)[number];

export const ROUTE_CODES = [
  'police_avim',
  'inspectie_szw_opsporing',
  'kmar',
  'inspectie_szw_toezicht',
  'municipality',
  'riec',
  'care_coordinator',
] as const;
export type RouteCode = (typeof ROUTE_CODES)[number];

export interface Route {
  code: RouteCode;
  track: Track;
  label: Label;
}

export const ROUTES: Record<RouteCode, Route> = {
  police_avim: {
    code: 'police_avim',
    track: 'criminal',
    label: { nl: 'Politie – AVIM', en: 'Police – AVIM' },
  },
  inspectie_szw_opsporing: {
    code: 'inspectie_szw_opsporing',
    track: 'criminal',
    label: { nl: 'Inspectie SZW – opsporing', en: 'Labour inspectorate – criminal investigation' },
  },
  kmar: {
    code: 'kmar',
    track: 'criminal',
    label: { nl: 'Koninklijke Marechaussee', en: 'Royal Netherlands Marechaussee' },
  },
  inspectie_szw_toezicht: {
    code: 'inspectie_szw_toezicht',
    track: 'administrative',
    label: { nl: 'Inspectie SZW – toezicht', en: 'Labour inspectorate – supervision' },
  },
  municipality: {
    code: 'municipality',
    track: 'administrative',
    label: { nl: 'Gemeente', en: 'Municipality' },
  },
  riec: {
    code: 'riec',
    track: 'administrative',
    label: { nl: 'RIEC', en: 'RIEC (regional information centre)' },
  },
  care_coordinator: {
    code: 'care_coordinator',
    track: 'care',
    label: { nl: 'Regionale zorgcoördinator', en: 'Regional care coordinator' },
  },
};

export const TRACK_LABELS: Record<Track, Label> = {
  criminal: { nl: 'Strafrechtelijk', en: 'Criminal' },
  administrative: { nl: 'Bestuursrechtelijk', en: 'Administrative' },
  care: { nl: 'Zorg', en: 'Care' },
};

/** Which kinds of organisation can receive each route (the web app's team picker offers only these). */
export const ROUTE_ORG_TYPES: Record<RouteCode, readonly string[] | 'any'> = {
  police_avim: ['police_unit'],
  inspectie_szw_opsporing: ['labour_inspectorate'],
  kmar: ['kmar'],
  inspectie_szw_toezicht: ['labour_inspectorate'],
  municipality: ['municipality'],
  // A RIEC is a partnership without an organisation type of its own yet: any partner hosting it may receive.
  riec: 'any',
  care_coordinator: ['care_coordination'],
};
