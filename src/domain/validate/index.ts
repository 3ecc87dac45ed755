export { validateEmail, validatePhone } from './contact.ts';
export { dutchDate, validateDate, validatePastDate, validatePastInstant } from './date.ts';
export { maskBsn, validateBsn, validateKvk, validatePostcode } from './identifiers.ts';
export { countryName, validateCountry, validateMunicipality } from './place.ts';
export type { FieldError, Validated, ValidationError } from './result.ts';
export { invalid, localize, valid } from './result.ts';
export { type LicencePlate, normalizeLicencePlate } from './vehicle.ts';
export { type NormalizedUrl, normalizeUrl } from './web.ts';
