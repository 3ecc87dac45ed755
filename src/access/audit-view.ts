import { type Selectable, sql } from 'kysely';
import { csvCell } from '../domain/csv-cell.ts';
import type { Lang } from '../domain/label.ts';
import type { Database } from '../store/schema.ts';
import { type VerifyResult, verifyAuditChain } from './audit.ts';
import { auditAction, auditActor, auditResource } from './audit-labels.ts';
import type { AccessTx } from './context.ts';
import { PURPOSE_LABELS, ROLE_LABELS } from './labels.ts';
import { type Page, type PageParams, pageRows } from './paging.ts';
import type { Decision } from './policy.ts';
import { isPurpose, isRole } from './roles.ts';

export interface AuditFilter {
  limit: number;
  before?: string;
  userId?: string;
  /** Part of a user's name or e-mail address (own organisation's users). */
  who?: string;
  resource?: string;
  recordId?: string;
  /** First and last day (YYYY-MM-DD), inclusive, as days in the Netherlands. */
  from?: string;
  to?: string;
}

/** The most entries one CSV export holds; a longer period is exported in parts (the filters narrow it). */
export const AUDIT_EXPORT_LIMIT = 10_000;

// The audit log's days are Dutch days: an entry at 23:30 on 1 March in Amsterdam belongs to 1 March.
const ZONE = 'Europe/Amsterdam';

/** The privacy officer's view of who accessed what in their own organisation, with names instead of ids. */
export async function listAudit(tx: AccessTx, filter: AuditFilter) {
  return readAudit(tx, filter, 'read');
}

async function readAudit(tx: AccessTx, filter: AuditFilter, action: 'read' | 'export') {
  const decision = await tx.authorize(action, 'audit_log');
  const filtered = await filteredAudit(tx, decision, filter);
  if (!filtered) return [];
  const rows = await filtered.selectAll().orderBy('seq', 'desc').limit(filter.limit).execute();
  return withNames(tx, decision, rows);
}

/** The log narrowed by the decision and the filters; null when the name search finds nobody. */
async function filteredAudit(tx: AccessTx, decision: Decision, filter: Omit<AuditFilter, 'limit'>) {
  let userIds: string[] | undefined;
  if (filter.who) {
    const pattern = `%${filter.who.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    userIds = (await findUsers(tx, { pattern })).map((user) => user.id);
    if (userIds.length === 0) return null;
  }
  let query = tx.db.selectFrom('audit_log').where((eb) => decision.where(eb));
  if (filter.before) query = query.where('seq', '<', filter.before);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (userIds) query = query.where('user_id', 'in', userIds);
  if (filter.resource) query = query.where('resource', '=', filter.resource);
  if (filter.recordId) query = query.where(sql<boolean>`record_ids @> ARRAY[${filter.recordId}]::text[]`);
  if (filter.from)
    query = query.where(sql<boolean>`at >= (${filter.from}::date::timestamp AT TIME ZONE ${ZONE})`);
  if (filter.to)
    query = query.where(sql<boolean>`at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`);
  return query;
}

type AuditRow = Selectable<Database['audit_log']>;

async function withNames(tx: AccessTx, decision: Decision, rows: AuditRow[]) {
  const ids = [...new Set(rows.flatMap((row) => (row.user_id ? [row.user_id] : [])))];
  const users = new Map((ids.length ? await findUsers(tx, { ids }) : []).map((user) => [user.id, user]));
  // Reading (or exporting) the log is itself logged, by the seq numbers read.
  return tx
    .disclose(
      decision,
      rows.map((row) => ({ ...row, seq: String(row.seq) })),
      'seq',
    )
    .map((entry) => {
      const user = entry.user_id ? users.get(entry.user_id) : undefined;
      return { ...entry, user_name: user?.name ?? null, user_email: user?.email ?? null };
    });
}

export const AUDIT_SORTS = ['at', 'resource', 'action', 'result'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/**
 * One page of the log (issue 19, item 10): the same filters, `q` a part of a user's name or e-mail address,
 * counted and paged in SQL. Only the page's entries count as read.
 */
export async function listAuditPage(
  tx: AccessTx,
  filter: Omit<AuditFilter, 'limit' | 'before' | 'who'> & PageParams<AuditSort>,
): Promise<Page<Awaited<ReturnType<typeof withNames>>[number]>> {
  const decision = await tx.authorize('read', 'audit_log');
  const filtered = await filteredAudit(tx, decision, { ...filter, who: filter.q });
  const empty = { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
  if (!filtered) return empty;
  const column = { at: 'seq', resource: 'resource', action: 'action', result: 'result' } as const;
  const { rows, total } = await pageRows(filtered, filter, (q) =>
    q.selectAll().orderBy(column[filter.sort], filter.dir).orderBy('seq', filter.dir),
  );
  return {
    items: await withNames(tx, decision, rows as AuditRow[]),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** Users of one's own organisation, read (and audited) under the privacy officer's own grant. */
async function findUsers(
  tx: AccessTx,
  by: { ids: string[] } | { pattern: string },
): Promise<{ id: string; name: string; email: string }[]> {
  const decision = await tx.authorize('read', 'user');
  const rows = await tx.db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where((eb) => decision.where(eb))
    .where((eb) =>
      'ids' in by
        ? eb('id', 'in', by.ids)
        : eb.or([eb('name', 'ilike', by.pattern), eb('email', 'ilike', by.pattern)]),
    )
    .orderBy('name')
    .limit(1000)
    .execute();
  return tx
    .disclose(decision, rows)
    .flatMap((user) =>
      user.id && user.name !== undefined && user.email !== undefined
        ? [{ id: user.id, name: user.name, email: user.email }]
        : [],
    );
}

/**
 * The filtered log as CSV for Dutch spreadsheet programs: `;` between cells, a byte-order mark so the
 * accents survive, times in the Netherlands' zone, every code in words. The export is audited as one.
 */
export async function exportAudit(tx: AccessTx, filter: Omit<AuditFilter, 'limit'>, language: Lang) {
  const entries = await readAudit(tx, { ...filter, limit: AUDIT_EXPORT_LIMIT }, 'export');
  const headers =
    language === 'nl'
      ? [
          'Volgnummer',
          'Tijdstip',
          'Gebruiker',
          'E-mailadres',
          'Rol',
          'Doel',
          'Handeling',
          'Gegevens',
          'Velden',
          'Records',
          'Resultaat',
          'Reden',
        ]
      : [
          'Sequence',
          'Time',
          'User',
          'E-mail address',
          'Role',
          'Purpose',
          'Action',
          'Data',
          'Fields',
          'Records',
          'Result',
          'Reason',
        ];
  const time = dutchTime;
  const results: Record<string, { nl: string; en: string }> = {
    allowed: { nl: 'toegestaan', en: 'allowed' },
    denied: { nl: 'geweigerd', en: 'refused' },
    failed: { nl: 'mislukt', en: 'failed' },
  };
  const lines = entries.map((entry) =>
    [
      entry.seq,
      entry.at ? time(new Date(entry.at)) : '',
      entry.user_name ?? (entry.user_id ? entry.user_id : language === 'nl' ? 'systeem' : 'system'),
      entry.user_email ?? '',
      entry.role
        ? auditActor(entry.role, language, (code) => (isRole(code) ? ROLE_LABELS[code][language] : code))
        : '',
      purposeInWords(entry.purpose ?? null, language),
      entry.action ? auditAction(entry.action, language) : '',
      entry.resource ? auditResource(entry.resource, language) : '',
      (entry.fields ?? []).join(', '),
      (entry.record_ids ?? []).join(' '),
      entry.result ? (results[entry.result]?.[language] ?? entry.result) : '',
      entry.reason ?? '',
    ]
      .map(csvCell)
      .join(';'),
  );
  return { csv: `\uFEFF${[headers.join(';'), ...lines].join('\r\n')}\r\n`, count: entries.length };
}

// One date style in every export: 05-12-2026 09:49:31, in the Netherlands' time.
const parts = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
function dutchTime(at: Date): string {
  const p = Object.fromEntries(parts.formatToParts(at).map((part) => [part.type, part.value]));
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

// Logins and password changes are recorded under the session layer's own purpose.
const AUTHENTICATION = { nl: 'Inloggen en account', en: 'Login and account' };
function purposeInWords(purpose: string | null, language: Lang): string {
  if (purpose === 'authentication') return AUTHENTICATION[language];
  return purpose && isPurpose(purpose) ? PURPOSE_LABELS[purpose][language] : (purpose ?? '');
}

export async function verifyAudit(tx: AccessTx): Promise<VerifyResult> {
  const decision = await tx.authorize('verify', 'audit_chain');
  tx.record(decision, [], []);
  // The chain-wide scope of this rule lets RLS show every organisation's entries to the check.
  return verifyAuditChain(tx.db);
}
