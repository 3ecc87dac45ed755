/**
 * Default m/u probabilities for comparing two persons without a trained model (signal linking,
 * where no batch is available for EM). Set from Dutch registration experience and checked on the
 * Dutch test set: m = share among true matches, u = share among random pairs.
 */
import { PERSON_COMPARISONS } from './comparisons.ts';
import type { FsModel } from './fellegiSunter.ts';

const MU: Record<string, [number[], number[]]> = {
  given_name: [
    [0.74, 0.04, 0.06, 0.03, 0.08, 0.02, 0.01, 0.02],
    [0.01, 0.004, 0.005, 0.01, 0.03, 0.04, 0.0005, 0.9005],
  ],
  prefix: [
    [0.85, 0.08, 0.06, 0.01],
    [0.3, 0.12, 0.33, 0.25],
  ],
  family_name: [
    [0.8, 0.02, 0.08, 0.03, 0.03, 0.01, 0.03],
    [0.002, 0.0001, 0.002, 0.01, 0.03, 0.0005, 0.9554],
  ],
  // exact, one digit, day/month swapped, year one off, estimated (same year, a year off), same
  // year and month, same year, else
  date_of_birth: [
    [0.8, 0.05, 0.03, 0.04, 0.03, 0.01, 0.005, 0.015, 0.015, 0.01],
    [0.00004, 0.0015, 0.00005, 0.0001, 0.001, 0.002, 0.002, 0.0008, 0.011, 0.9815],
  ],
  gender: [
    [0.97, 0.03],
    [0.5, 0.5],
  ],
  nationality: [
    [0.93, 0.07],
    [0.3, 0.7],
  ],
  place_of_birth: [
    [0.85, 0.1, 0.05],
    [0.01, 0.01, 0.98],
  ],
  id_number: [
    [0.97, 0.02, 0.01],
    [0.000001, 0.00001, 0.999989],
  ],
  postcode: [
    [0.6, 0.05, 0.35],
    [0.0005, 0.005, 0.9945],
  ],
  house_number: [
    [0.6, 0.05, 0.35],
    [0.02, 0.05, 0.93],
  ],
  street: [
    [0.6, 0.05, 0.35],
    [0.001, 0.002, 0.997],
  ],
  city: [
    [0.7, 0.05, 0.25],
    [0.05, 0.01, 0.94],
  ],
};

/** λ: among candidates from a shared block, about one in a thousand is the same person. */
export const DEFAULT_MODEL: FsModel = {
  comparisons: PERSON_COMPARISONS.map((c) => ({ name: c.name, levels: c.levels })),
  m: PERSON_COMPARISONS.map((c) => MU[c.name][0]),
  u: PERSON_COMPARISONS.map((c) => MU[c.name][1]),
  lambda: 0.001,
};
