/** The 10 Regionale Informatie- en Expertisecentra (RIEC) and the national LIEC. */
export interface RiecRegion {
  code: string;
  name: string;
  national: boolean;
}

function riec(code: string, name: string): RiecRegion {
  return { code, name: `RIEC ${name}`, national: false };
}

export const RIEC_REGIONS: readonly RiecRegion[] = [
  riec('noord-nederland', 'Noord-Nederland'),
  riec('oost-nederland', 'Oost-Nederland'),
  riec('midden-nederland', 'Midden-Nederland'),
  riec('noord-holland', 'Noord-Holland'),
  riec('amsterdam-amstelland', 'Amsterdam-Amstelland'),
  riec('den-haag', 'Den Haag'),
  riec('rotterdam', 'Rotterdam'),
  riec('zeeland-west-brabant', 'Zeeland-West-Brabant'),
  riec('oost-brabant', 'Oost-Brabant'),
  riec('limburg', 'Limburg'),
  { code: 'liec', name: 'LIEC (Landelijk Informatie- en Expertisecentrum)', national: true },
];

export function findRiecRegion(code: string): RiecRegion | undefined {
  return RIEC_REGIONS.find((region) => region.code === code);
}
