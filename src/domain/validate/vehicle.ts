import { invalid, type Validated, valid } from './result.ts';

export interface LicencePlate {
  /** Letters and digits only, upper case: what linking compares (`12-ABC-3` and `12abc3` are the same plate). */
  key: string;
  /** The plate as printed, with the dashes of its Dutch side code where it has one. */
  display: string;
  country: string;
}

// RDW side codes 1–14 for 6-character plates: L = letter, D = digit, with where the dashes go.
const SIDE_CODES: readonly (readonly [pattern: string, groups: readonly number[]])[] = [
  ['LLDDDD', [2, 2, 2]],
  ['DDDDLL', [2, 2, 2]],
  ['DDLLDD', [2, 2, 2]],
  ['LLDDLL', [2, 2, 2]],
  ['LLLLDD', [2, 2, 2]],
  ['DDLLLL', [2, 2, 2]],
  ['DDLLLD', [2, 3, 1]],
  ['DLLLDD', [1, 3, 2]],
  ['LLDDDL', [2, 3, 1]],
  ['LDDDLL', [1, 3, 2]],
  ['LLLDDL', [3, 2, 1]],
  ['LDDLLL', [1, 2, 3]],
  ['DLLDDD', [1, 2, 3]],
  ['DDDLLD', [3, 2, 1]],
];

function shape(key: string): string {
  return key.replace(/[A-Z]/g, 'L').replace(/\d/g, 'D');
}

/**
 * Normalises a licence plate. Dutch plates (the default) must fit one of the RDW side codes; foreign plates
 * are only reduced to letters and digits, since their formats vary too much to check here.
 */
export function normalizeLicencePlate(
  input: string,
  field = 'plate',
  country = 'NL',
): Validated<LicencePlate> {
  const key = input.toUpperCase().replace(/[\s\-.·]/g, '');
  if (!/^[A-Z0-9]{1,12}$/.test(key)) {
    return invalid(
      field,
      'plate_format',
      'Kenteken mag alleen letters, cijfers, spaties en streepjes bevatten',
      'Licence plate may contain only letters, digits, spaces and dashes',
    );
  }
  if (country !== 'NL') return valid({ key, display: key, country });
  const sideCode = key.length === 6 ? SIDE_CODES.find(([pattern]) => pattern === shape(key)) : undefined;
  if (!sideCode) {
    return invalid(
      field,
      'plate_not_dutch',
      'Dit is geen Nederlands kenteken; geef het land van het kenteken op',
      'This is not a Dutch licence plate; give the country of the plate',
    );
  }
  const parts: string[] = [];
  let at = 0;
  for (const size of sideCode[1]) {
    parts.push(key.slice(at, at + size));
    at += size;
  }
  return valid({ key, display: parts.join('-'), country });
}
