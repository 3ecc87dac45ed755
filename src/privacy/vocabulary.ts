/**
 * The vocabulary of data-subject requests, shared by the API's validation and the web app's
 * choices (so this module imports nothing). Kinds in the order the form offers them.
 */
export const REQUEST_KINDS = ['access', 'rectification', 'restriction', 'erasure', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const DECISIONS = ['granted', 'partially_granted', 'refused'] as const;
export type DecisionOutcome = (typeof DECISIONS)[number];
/** Grounds for refusing or limiting a request, named in the decision. */
export const LEGAL_GROUNDS = [
  'avg_23_criminal_investigation',
  'wpg_27_investigation_interest',
  'avg_17_3_legal_obligation',
  'avg_17_3_legal_claims',
  'avg_12_5_manifestly_unfounded',
  'identity_not_established',
  'no_data_held',
] as const;
