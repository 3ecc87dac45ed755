import type { Label } from './label.ts';

/** The 10 regional units of the Dutch police and the national unit; each regional unit has an AVIM. */
export interface PoliceUnit {
  code: string;
  name: string;
  national: boolean;
  /** The unit's AVIM (Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel), where signals are routed. */
  avim: Label | null;
}

function regional(code: string, name: string): PoliceUnit {
  return {
    code,
    name,
    national: false,
    avim: { nl: `AVIM ${name}`, en: `AVIM (aliens, identification and trafficking) ${name}` },
  };
}

export const POLICE_UNITS: readonly PoliceUnit[] = [
  regional('noord-nederland', 'Noord-Nederland'),
  regional('oost-nederland', 'Oost-Nederland'),
  regional('midden-nederland', 'Midden-Nederland'),
  regional('noord-holland', 'Noord-Holland'),
  regional('amsterdam', 'Amsterdam'),
  regional('den-haag', 'Den Haag'),
  regional('rotterdam', 'Rotterdam'),
  regional('zeeland-west-brabant', 'Zeeland-West-Brabant'),
  regional('oost-brabant', 'Oost-Brabant'),
  regional('limburg', 'Limburg'),
  { code: 'landelijke-eenheid', name: 'Landelijke Eenheid', national: true, avim: null },
];

export function findPoliceUnit(code: string): PoliceUnit | undefined {
  return POLICE_UNITS.find((unit) => unit.code === code);
}
