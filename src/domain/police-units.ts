import type { Label } from './label.ts';
import { findMunicipality } from './municipalities.ts';

/** The 10 regional units of the Dutch police and the national unit; each regional unit has an AVIM. */
export interface PoliceUnit {
  code: string;
  name: string;
  national: boolean;
  /**
   * The safety regions (veiligheidsregio's) the unit covers: the police units follow their borders, which is how a
   * municipality finds its unit. Check against the current police organisation before relying on it in production.
   */
  safetyRegions: readonly string[];
  /** The unit's AVIM (Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel), where signals are routed. */
  avim: Label | null;
}

function regional(code: string, name: string, safetyRegions: number[]): PoliceUnit {
  return {
    code,
    name,
    national: false,
    safetyRegions: safetyRegions.map((n) => `VR${String(n).padStart(2, '0')}`),
    avim: { nl: `AVIM ${name}`, en: `AVIM (aliens, identification and trafficking) ${name}` },
  };
}

export const POLICE_UNITS: readonly PoliceUnit[] = [
  regional('noord-nederland', 'Noord-Nederland', [1, 2, 3]),
  regional('oost-nederland', 'Oost-Nederland', [4, 5, 6, 7, 8]),
  regional('midden-nederland', 'Midden-Nederland', [9, 14, 25]),
  regional('noord-holland', 'Noord-Holland', [10, 11, 12]),
  regional('amsterdam', 'Amsterdam', [13]),
  regional('den-haag', 'Den Haag', [15, 16]),
  regional('rotterdam', 'Rotterdam', [17, 18]),
  regional('zeeland-west-brabant', 'Zeeland-West-Brabant', [19, 20]),
  regional('oost-brabant', 'Oost-Brabant', [21, 22]),
  regional('limburg', 'Limburg', [23, 24]),
  { code: 'landelijke-eenheid', name: 'Landelijke Eenheid', national: true, safetyRegions: [], avim: null },
];

export function findPoliceUnit(code: string): PoliceUnit | undefined {
  return POLICE_UNITS.find((unit) => unit.code === code);
}

/** The regional unit whose area holds the municipality, or undefined for an unknown code. */
export function policeUnitForMunicipality(cbsCode: string): PoliceUnit | undefined {
  const region = findMunicipality(cbsCode)?.safetyRegion;
  return region ? POLICE_UNITS.find((unit) => unit.safetyRegions.includes(region)) : undefined;
}
