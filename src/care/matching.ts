import type { Label } from '../domain/label.ts';
import { NEED_LABELS, type Need, PLACE_KIND_LABELS, type PlaceKind, STALE_AFTER_DAYS } from './vocabulary.ts';

/**
 * Placement matching: hand-written scoring kept as versioned data (like src/signals/triage.ts), so a
 * coordinator can read why a place ranks where it does and a later version can be compared with this one.
 * Hard conditions exclude a place (with the reason); the rest is points.
 */
export const MATCHING_RULES = {
  version: 1,
  /** Points when the place type is the one meant for this client (minor → youth, male → male victims, …). */
  suitedKind: 40,
  /** Points per free place, up to `freeCap` places (a place with room to spare is a safer offer). */
  perFree: 5,
  freeCap: 4,
  /** Taken off when the capacity figures are older than STALE_AFTER_DAYS. */
  stale: -25,
  /** Points for a place in the same safety region as the coordinator's own work (short travel). */
  nearby: 5,
} as const;

export interface MatchRequest {
  needs: readonly string[];
  gender: string;
  age: number;
  avoidRegions: readonly string[];
  avoidMunicipalities: readonly string[];
  homeRegion?: string | null;
}

export interface MatchPlace {
  id: string;
  kind: string;
  capacity: number;
  occupancy: number;
  genders: readonly string[];
  minAge: number;
  maxAge: number;
  needs: readonly string[];
  municipalityCode: string;
  region: string;
  figuresAt: Date;
}

export interface Reason {
  code: string;
  points: number;
  label: Label;
}

export interface Ranked {
  placeId: string;
  score: number;
  reasons: Reason[];
}

export interface Excluded {
  placeId: string;
  reasons: Reason[];
}

/** Why a place cannot take this request (empty when it can). Also the check when a place is proposed. */
export function unsuitable(
  request: MatchRequest,
  place: MatchPlace,
  options: { needFree?: boolean } = {},
): Reason[] {
  const out: Reason[] = [];
  const no = (code: string, nl: string, en: string) => out.push({ code, points: 0, label: { nl, en } });
  if ((options.needFree ?? true) && place.occupancy >= place.capacity) {
    no('full', 'Geen vrije plaats', 'No free place');
  }
  if (!place.genders.includes(request.gender)) {
    no('gender', 'Neemt dit geslacht niet op', 'Does not admit this gender');
  }
  if (request.age < place.minAge || request.age > place.maxAge) {
    no(
      'age',
      `Leeftijd ${request.age} valt buiten ${place.minAge}–${place.maxAge}`,
      `Age ${request.age} is outside ${place.minAge}–${place.maxAge}`,
    );
  }
  for (const need of request.needs) {
    if (!place.needs.includes(need)) {
      const label = NEED_LABELS[need as Need] ?? { nl: need, en: need };
      no(`need:${need}`, `Neemt niet op: ${label.nl}`, `Does not take: ${label.en}`);
    }
  }
  if (
    request.avoidRegions.includes(place.region) ||
    request.avoidMunicipalities.includes(place.municipalityCode)
  ) {
    no('unsafe_region', 'In of bij de regio van uitbuiting', 'In or near the region of exploitation');
  }
  return out;
}

function suitedKind(request: MatchRequest): PlaceKind {
  if (request.age < 18) return 'youth_protected';
  if (request.gender === 'male') return 'male_victims';
  const specialised = ['mild_intellectual_disability', 'psychiatric', 'addiction'];
  if (request.needs.some((need) => specialised.includes(need))) return 'multi_problem';
  return 'categorical';
}

/** Ranks the places that can take the request, best first (ties by most free places, then id). */
export function rankPlaces(
  request: MatchRequest,
  places: readonly MatchPlace[],
  now: Date,
): { version: number; ranked: Ranked[]; excluded: Excluded[] } {
  const rules = MATCHING_RULES;
  const ranked: Ranked[] = [];
  const excluded: Excluded[] = [];
  const wanted = suitedKind(request);
  for (const place of places) {
    const refusals = unsuitable(request, place);
    if (refusals.length > 0) {
      excluded.push({ placeId: place.id, reasons: refusals });
      continue;
    }
    const reasons: Reason[] = [];
    if (place.kind === wanted) {
      const kind = PLACE_KIND_LABELS[wanted];
      reasons.push({
        code: 'suited_kind',
        points: rules.suitedKind,
        label: { nl: `Passend type: ${kind.nl}`, en: `Suited type: ${kind.en}` },
      });
    }
    const free = Math.min(place.capacity - place.occupancy, rules.freeCap);
    reasons.push({
      code: 'free',
      points: free * rules.perFree,
      label: {
        nl: `${place.capacity - place.occupancy} vrije plaats(en)`,
        en: `${place.capacity - place.occupancy} free place(s)`,
      },
    });
    if (now.getTime() - place.figuresAt.getTime() > STALE_AFTER_DAYS * 86_400_000) {
      reasons.push({
        code: 'stale',
        points: rules.stale,
        label: {
          nl: `Cijfers ouder dan ${STALE_AFTER_DAYS} dagen`,
          en: `Figures older than ${STALE_AFTER_DAYS} days`,
        },
      });
    }
    if (request.homeRegion && place.region === request.homeRegion) {
      reasons.push({
        code: 'nearby',
        points: rules.nearby,
        label: { nl: 'In de eigen regio', en: 'In the own region' },
      });
    }
    ranked.push({ placeId: place.id, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons });
  }
  ranked.sort((a, b) => b.score - a.score || a.placeId.localeCompare(b.placeId));
  return { version: rules.version, ranked, excluded };
}
