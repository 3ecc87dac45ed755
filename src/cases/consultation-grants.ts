import type { Grant, Rows } from '../access/grant.ts';
import { CASE_PURPOSES, CASE_ROLES, TASK_FIELDS } from './grants.ts';

/**
 * Who may do what in a casusoverleg (issue 15, item 3). Everything here is under the purpose
 * `case_consultation` only. A consultation is its participating organisations' (the chair and the invited);
 * its notes on an agenda case are visible only to participants that see that case themselves
 * (`case_profile`, the same function the case grants ask), so the chair widens nothing. The row conditions ask
 * the database functions of migration 0201, as row-level security does, so grants and policies agree.
 */

const PURPOSES = ['case_consultation'] as const;
const BASIS =
  'Convenant RIEC / Zorg- en Veiligheidshuis (Wpg art. 20, Gemeentewet) met verwijzing per zaak / covenant with a referral per case';

const participant = (column: string): Rows => ({
  label: {
    nl: 'casusoverleggen waaraan de eigen organisatie deelneemt',
    en: "consultations one's own organisation takes part in",
  },
  where: (eb, c) => eb(eb.fn('consultation_participant', [eb.ref(c.ref(column))]), '=', true),
  test: (row) => row.participant === true,
});

const CHAIR: Rows = {
  label: {
    nl: 'casusoverleggen die de eigen organisatie voorzit',
    en: "consultations one's organisation chairs",
  },
  where: (eb, c) => eb(c.ref('chair_org_id'), '=', c.actor.orgId),
  test: (row, c) => row.chair_org_id === c.actor.orgId,
};

const SEEN_CASE: Rows = {
  label: {
    nl: 'notulen van agendapunten waarvan de eigen organisatie de zaak zelf ziet (regie of verwijzing)',
    en: "minutes of agenda items whose case one's own organisation sees itself (lead or referral)",
  },
  where: (eb, c) =>
    eb.and([
      eb(eb.fn('consultation_participant', [eb.ref(c.ref('consultation_id'))]), '=', true),
      eb(eb.fn('case_profile', [eb.ref(c.ref('case_id'))]), 'is not', null),
    ]),
  test: (row) => row.participant === true && row.access_profile !== null && row.access_profile !== undefined,
};

/** Actions agreed in a consultation: every participant that sees the case sees them (they are in the minutes). */
const AGREED_TASKS: Rows = {
  label: {
    nl: 'acties uit een casusoverleg van de eigen organisatie, in zaken die zij zelf ziet',
    en: "actions agreed in a consultation of one's own organisation, in cases it sees itself",
  },
  where: (eb, c) =>
    eb.and([
      eb(c.ref('consultation_id'), 'is not', null),
      eb(eb.fn('consultation_participant', [eb.ref(c.ref('consultation_id'))]), '=', true),
      eb(eb.fn('case_profile', [eb.ref(c.ref('case_id'))]), 'is not', null),
    ]),
  test: (row) =>
    row.in_consultation === true && row.access_profile !== null && row.access_profile !== undefined,
};

export const CONSULTATION_FIELDS = [
  'id',
  'title',
  'chair_org_id',
  'chair_org_name',
  'organisations',
  'people',
  'starts_at',
  'ends_at',
  'location',
  'state',
  'held_at',
  'created_at',
  'participant',
] as const;
export const ITEM_FIELDS = [
  'id',
  'consultation_id',
  'position',
  'carried_over',
  'participant',
  'shared',
  'case_id',
  'case_reference',
  'case_title',
  'access_profile',
] as const;
export const NOTE_FIELDS = [
  'id',
  'item_id',
  'consultation_id',
  'case_id',
  'kind',
  'text',
  'org_id',
  'org_name',
  'author_name',
  'task_id',
  'task_owner_org_name',
  'task_due_on',
  'task_state',
  'created_at',
  'participant',
  'access_profile',
] as const;

export const consultationGrants: Grant[] = [
  {
    roles: CASE_ROLES,
    purposes: PURPOSES,
    resource: 'consultation',
    actions: ['read', 'export'],
    rows: participant('id'),
    fields: CONSULTATION_FIELDS,
    legalBasis: BASIS,
  },
  {
    roles: ['consultation_chair'],
    purposes: PURPOSES,
    resource: 'consultation',
    actions: ['create', 'update', 'transition'],
    rows: CHAIR,
    fields: CONSULTATION_FIELDS,
    writable: ['title', 'starts_at', 'ends_at', 'location', 'org_ids', 'state'],
    legalBasis: BASIS,
  },
  {
    // Every participant may put a case it sees itself on the agenda (the insert policy checks the case).
    roles: CASE_ROLES,
    purposes: PURPOSES,
    resource: 'consultation_item',
    actions: ['read', 'create'],
    rows: participant('consultation_id'),
    fields: ITEM_FIELDS,
    writable: ['case_id'],
    legalBasis: BASIS,
  },
  {
    // Contributions by every participant that sees the case; decisions and actions are the chair's (service).
    roles: CASE_ROLES,
    purposes: PURPOSES,
    resource: 'consultation_note',
    actions: ['read', 'create'],
    rows: SEEN_CASE,
    fields: NOTE_FIELDS,
    writable: ['kind', 'text', 'task_id'],
    legalBasis: BASIS,
  },
  {
    roles: CASE_ROLES,
    purposes: PURPOSES,
    resource: 'case_task',
    actions: ['read'],
    rows: AGREED_TASKS,
    fields: TASK_FIELDS,
    legalBasis: BASIS,
  },
];

/** In-app notifications (item 7): an organisation's own; they hold a kind and a link, no personal data. */
export const notificationGrants: Grant[] = [
  {
    roles: CASE_ROLES,
    purposes: CASE_PURPOSES,
    resource: 'case_notification',
    actions: ['read', 'update'],
    rows: {
      label: { nl: 'meldingen aan de eigen organisatie', en: "notifications to one's own organisation" },
      where: (eb, c) => eb(c.ref('org_id'), '=', c.actor.orgId),
      test: (row, c) => row.org_id === c.actor.orgId,
    },
    fields: ['id', 'org_id', 'kind', 'link', 'created_at', 'read_at'],
    writable: ['read_at'],
    legalBasis: 'Geen persoonsgegevens: soort melding en een link / no personal data: kind and link',
  },
];
