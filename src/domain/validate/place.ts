import { countryName, isCountryCode } from '../countries.ts';
import { findMunicipality } from '../municipalities.ts';
import { invalid, type Validated, valid } from './result.ts';

/** ISO 3166-1 alpha-2 country code, upper-cased. */
export function validateCountry(input: string, field = 'country'): Validated<string> {
  const code = input.trim().toUpperCase();
  if (!isCountryCode(code)) {
    return invalid(
      field,
      'country_unknown',
      `Onbekende landcode "${input}"; gebruik ISO 3166 (bijv. NL, RO, NG)`,
      `Unknown country code "${input}"; use ISO 3166 (e.g. NL, RO, NG)`,
    );
  }
  return valid(code);
}

export { countryName };

/** A municipality's CBS code (GM + 4 digits) that exists in the reference list. */
export function validateMunicipality(input: string, field = 'municipality'): Validated<string> {
  const code = input.trim().toUpperCase();
  if (!/^GM\d{4}$/.test(code)) {
    return invalid(
      field,
      'municipality_format',
      'Gemeentecode moet GM gevolgd door 4 cijfers zijn, bijv. GM0363',
      'Municipality code must be GM followed by 4 digits, e.g. GM0363',
    );
  }
  if (!findMunicipality(code)) {
    return invalid(
      field,
      'municipality_unknown',
      `Onbekende gemeentecode ${code}`,
      `Unknown municipality code ${code}`,
    );
  }
  return valid(code);
}
