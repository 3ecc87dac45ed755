import { policeUnitForMunicipality } from './police-units.ts';

/** The 10 Regionale Informatie- en Expertisecentra (RIEC) and the national LIEC. */
export interface RiecRegion {
  code: string;
  name: string;
  national: boolean;
  /** The police unit whose area the RIEC shares: the ten RIEC regions follow the ten regional police units. */
  policeUnit: string | null;
}

function riec(code: string, name: string, policeUnit = code): RiecRegion {
  return { code, name: `RIEC ${name}`, national: false, policeUnit };
}

export const RIEC_REGIONS: readonly RiecRegion[] = [
  riec('noord-nederland', 'Noord-Nederland'),
  riec('oost-nederland', 'Oost-Nederland'),
  riec('midden-nederland', 'Midden-Nederland'),
  riec('noord-holland', 'Noord-Holland'),
  riec('amsterdam-amstelland', 'Amsterdam-Amstelland', 'amsterdam'),
  riec('den-haag', 'Den Haag'),
  riec('rotterdam', 'Rotterdam'),
  riec('zeeland-west-brabant', 'Zeeland-West-Brabant'),
  riec('oost-brabant', 'Oost-Brabant'),
  riec('limburg', 'Limburg'),
  {
    code: 'liec',
    name: 'LIEC (Landelijk Informatie- en Expertisecentrum)',
    national: true,
    policeUnit: null,
  },
];

export function findRiecRegion(code: string): RiecRegion | undefined {
  return RIEC_REGIONS.find((region) => region.code === code);
}

export function riecForMunicipality(cbsCode: string): RiecRegion | undefined {
  const unit = policeUnitForMunicipality(cbsCode);
  return unit ? RIEC_REGIONS.find((region) => region.policeUnit === unit.code) : undefined;
}
