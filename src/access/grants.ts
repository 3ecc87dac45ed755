import { everyRow, type Grant, ownOrganisation } from './grant.ts';

/** Organisations, users and the audit log. */
export const foundationRules: Grant[] = [
  {
    resource: 'organisation',
    actions: ['read'],
    roles: 'any',
    purposes: 'any',
    rows: everyRow,
    // The contact point is a function mailbox and a phone number (issue 19 items 7 and 12), no person.
    fields: ['id', 'name', 'type', 'cbs_code', 'region', 'contact_mailbox', 'contact_phone'],
    legalBasis: 'Directory of chain partners; no personal data',
  },
  {
    resource: 'organisation',
    actions: ['update'],
    roles: ['admin'],
    purposes: ['administration'],
    rows: ownOrganisation('id', { nl: 'de eigen organisatie', en: "one's own organisation" }),
    fields: ['name', 'region', 'contact_mailbox', 'contact_phone'],
    legalBasis: 'Management of one’s own organisation',
  },
  {
    resource: 'user',
    actions: ['read', 'create', 'update'],
    roles: ['admin'],
    purposes: ['administration'],
    rows: ownOrganisation('org_id', {
      nl: 'gebruikers van de eigen organisatie',
      en: "users of one's own organisation",
    }),
    fields: [
      'id',
      'org_id',
      'email',
      'name',
      'roles',
      'disabled',
      'locked_until',
      'totp_enabled',
      'created_at',
      // Account security (issue 19, item 12): the forced change still open, and the last login.
      'must_change_password',
      'last_login_at',
    ],
    legalBasis: 'AVG art. 6(1)(b)/(c): user administration of one’s own organisation',
  },
  {
    // The privacy officer reads the log with names, not ids: who of its own organisation did what.
    resource: 'user',
    actions: ['read'],
    roles: ['privacy_officer'],
    purposes: ['audit_control'],
    rows: ownOrganisation('org_id', {
      nl: 'gebruikers van de eigen organisatie',
      en: "users of one's own organisation",
    }),
    fields: ['id', 'org_id', 'name', 'email'],
    legalBasis: 'AVG art. 5(2) and 32: accountability and supervision of access',
  },
  {
    resource: 'audit_log',
    actions: ['read', 'export'],
    roles: ['privacy_officer'],
    purposes: ['audit_control'],
    rows: ownOrganisation('org_id', {
      nl: 'auditregels van de eigen organisatie',
      en: "audit entries of one's own organisation",
    }),
    fields: [
      'seq',
      'at',
      'user_id',
      'org_id',
      'role',
      'purpose',
      'action',
      'resource',
      'record_ids',
      'fields',
      'result',
      'reason',
      'hash',
    ],
    legalBasis: 'AVG art. 5(2) and 32: accountability and supervision of access',
  },
  {
    resource: 'audit_chain',
    actions: ['verify'],
    roles: ['privacy_officer'],
    purposes: ['audit_control'],
    rows: everyRow,
    fields: [],
    legalBasis: 'AVG art. 32: integrity of the access log',
  },
];
