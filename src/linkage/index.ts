/** Linkage: entity resolution and privacy-preserving record linkage (PPRL). */
export { blockingKeysOf, candidatePairs, nameDateKeys } from './blocking.ts';
export { clusterLinks, type Edge } from './cluster.ts';
export {
  type CompanyInput,
  companyBlockingKeys,
  companyNames,
  companyTokens,
  compareCompanies,
  normaliseCompanyName,
  normaliseHouseNumber,
  normaliseKvk,
  normalisePostcode,
} from './company.ts';
export { compareDates, parseDate } from './dates.ts';
export { DEFAULT_MODEL } from './defaultModel.ts';
export { generateDutchLists } from './dutchPersons.ts';
export type { FsModel, Reason } from './fellegiSunter.ts';
export {
  identifierKey,
  normaliseEmail,
  normalisePhone,
  normalisePlate,
  normaliseUrl,
} from './identifiers.ts';
export { type LinkOptions, type LinkResult, linkPersons, type PersonLink } from './link.ts';
export { foldName, foldText, splitFamilyName, splitGivenNames } from './normalize.ts';
export { type PersonInput, preparePerson } from './person.ts';
export { blockingKeys, comparePersons, type PersonMatch } from './persons.ts';
export { ClkEncoder, type ClkSettings, defaultSettings } from './pprl/clk.ts';
export { encodeList } from './pprl/encodeList.ts';
export { captureCsv, linkEncodedLists, parseEncodedList } from './pprl/linkLists.ts';
export {
  dedupeRegistry,
  REGISTRY_THRESHOLD,
  type RegistryDedup,
  RegistryEncoder,
  type RegistryEncoding,
} from './pprl/registry.ts';
export { editDistance, jaroWinkler } from './similarity.ts';
export { matchSubject, type SubjectMatch, type SubjectPerson } from './subject-match.ts';
