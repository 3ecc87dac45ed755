/** Gender as chain partners record it about a person (signals, care, data-subject rectification). */
export const GENDERS = ['female', 'male', 'x', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
