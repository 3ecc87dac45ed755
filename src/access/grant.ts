import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Label } from '../domain/label.ts';
import type { OrgType, Purpose, Role } from './roles.ts';

/**
 * A grant: who (role, optionally organisation type), for which purpose, may do what (action) on which
 * resource, on WHICH ROWS (a condition the query applies, and the same condition as a test on a fetched row),
 * seeing and changing which fields, on what legal basis. A deny grant takes rows away from every allow grant.
 *
 * This module is data and types only (no runtime import of kysely or a capability): manifests import grants
 * statically, and `--help` must stay light.
 */

/** Every resource a grant can name. A new capability adds its resources here (one line). */
export const RESOURCES = [
  'organisation',
  'user',
  'audit_log',
  'audit_chain',
  'signal',
  'signal_person',
  'triage_ruleset',
  'signal_registrations',
  'estimate',
  'estimation_round',
  'encoded_list',
  'crawl_investigation',
  'site_adapter',
  'crawl',
  'crawl_identifier_decision',
  'crawl_ad',
  'data_subject_request',
  'subject_record',
  // Cases (src/cases): the case, its parts and its referrals.
  'case',
  'case_person',
  'case_company',
  'case_address',
  'case_identifier',
  'case_event',
  'case_task',
  'case_referral',
  'case_history',
  // The casusoverleg (src/cases/consultations): the meeting, its agenda and its minutes.
  'consultation',
  'consultation_item',
  'consultation_note',
  'case_notification',
  'case_document',
  // Care for victims (src/care).
  'care_client',
  'care_consent',
  'care_safe_address',
  'shelter_place',
  'placement_request',
  'reflection_period',
  'shelter_overview',
  // CoMensha's registration of possible victims (src/care, issue 16 item 5).
  'victim_registration',
  'victim_registration_figures',
  // Care trajectories and their handovers (issue 16 item 4).
  'care_trajectory',
  'care_handover',
  // Missing minors (issue 16 item 6).
  'missing_minor',
  'wav_version',
  'wav_entry',
  'visa_screening',
  'monitor_indicator',
  'monitor_figure',
  'monitor_period',
  'monitor_aggregate',
  'municipal_assessment',
  // FIU-Nederland's suspicious transactions (src/feeds, issue 18 item 3).
  'fiu_batch',
  'fiu_transaction',
  'programme_measure',
  'programme_activity',
  'monitor_report_text',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'verify',
  'export',
  'transition',
  'link',
  'aggregate',
  'search',
  'restrict',
  'erase',
  'rectify',
  'create_from_crawler',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  userId: string;
  orgId: string;
  orgType: string;
  roles: readonly Role[];
}

/** What a row condition knows: who asks, for what, and how to name a column of the queried table. */
export interface RowContext {
  actor: Actor;
  purpose: Purpose;
  /** The column qualified with the query's table alias (`r.org_id`), or bare when there is none. */
  ref(column: string): string;
}

// biome-ignore lint/suspicious/noExplicitAny: a condition is written once for the table its resource lives in.
export type AnyEb = ExpressionBuilder<any, any>;

/** Which rows a grant opens: as SQL (every query applies it) and as a test of a fetched row (fields per row). */
export interface Rows {
  /** What a privacy officer reads in the access matrix. */
  label: Label;
  where(eb: AnyEb, context: RowContext): Expression<SqlBool>;
  /**
   * Whether a row fetched through the decision's `where` meets this condition. Used to combine fields per
   * row when several grants apply; a row lacking the column does not meet it.
   */
  test(row: Record<string, unknown>, context: RowContext): boolean;
  /** Rows of other organisations: row-level security lets the query see the whole chain (set per query). */
  chain?: boolean;
}

export interface Grant {
  effect?: 'allow' | 'deny';
  resource: Resource;
  actions: readonly Action[];
  roles: readonly Role[] | 'any';
  purposes: readonly Purpose[] | 'any';
  /** Narrows a grant to some organisation types (e.g. only police may investigate). */
  orgTypes?: readonly OrgType[];
  rows: Rows;
  /** The fields the actor may read; anything else is stripped. A deny grant has none. */
  fields: readonly string[];
  /** The fields the actor may change (defaults to none: reading is not writing). */
  writable?: readonly string[];
  /** A check of one record beyond its row condition (e.g. an open mandate); returns the reason it fails. */
  check?: (row: Record<string, unknown>, context: RowContext) => Label | null;
  /** Dutch first (the matrix is read by a Dutch privacy officer), English second. */
  legalBasis: string;
}

const orgOf = (column: string) => (eb: AnyEb, c: RowContext) => eb(c.ref(column), '=', c.actor.orgId);

// --- Row conditions used by more than one capability -----------------------------------------------------

/** Rows of every organisation (a chain-wide function such as central triage, or a directory). */
export const everyRow: Rows = {
  label: { nl: 'alle rijen in de keten', en: 'every row in the chain' },
  where: (eb) => eb.lit(true),
  test: () => true,
  chain: true,
};

/** Rows whose `column` is the actor's organisation. */
export function ownOrganisation(column = 'org_id', label?: Label): Rows {
  return {
    label: label ?? {
      nl: `rijen van de eigen organisatie (${column})`,
      en: `rows of one's own organisation (${column})`,
    },
    where: orgOf(column),
    test: (row, c) => row[column] === c.actor.orgId,
  };
}

/** Configuration or a verification that touches no rows of a table with an organisation. */
export const noRows: Rows = {
  label: { nl: 'geen rijen (configuratie of controle)', en: 'no rows (configuration or a check)' },
  where: (eb) => eb.lit(true),
  test: () => true,
};
