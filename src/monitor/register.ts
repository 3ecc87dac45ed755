import { randomUUID } from 'node:crypto';
import type { AccessTx } from '../access/context.ts';
import type { Label } from '../domain/label.ts';
import { conflict, invalidInput, label, notFound } from '../domain/problem.ts';
import { ACTION_LINES } from './indicators.ts';
import './tables.ts';

/**
 * The programme register (issue 17, item 1): measures per action line (owner organisations, status,
 * milestones) and their activities with outputs (planned and delivered). Every edit is a new version
 * (migration 0701); an edit names the version it was based on, and a stale one is refused (409), so two
 * programme officers never overwrite each other silently.
 */
export const MEASURE_STATUSES = ['planned', 'running', 'delayed', 'done', 'stopped'] as const;
export const ACTIVITY_KINDS = ['training', 'awareness', 'campaign', 'research', 'other'] as const;
export const OUTPUT_UNITS = ['trainings', 'participants', 'materials', 'sessions', 'reports'] as const;

export const STATUS_LABELS: Record<(typeof MEASURE_STATUSES)[number], Label> = {
  planned: label('Gepland', 'Planned'),
  running: label('Loopt', 'Running'),
  delayed: label('Vertraagd', 'Delayed'),
  done: label('Afgerond', 'Done'),
  stopped: label('Gestopt', 'Stopped'),
};

export interface Milestone {
  title: string;
  due: string;
  done: boolean;
}
export interface MeasureInput {
  actionLine: number;
  title: string;
  description?: string;
  owners: string[];
  status: string;
  milestones?: Milestone[];
}
export interface Measure extends Required<MeasureInput> {
  id: string;
  version: number;
  changedBy: string;
  changedAt: string;
  activities: Activity[];
}
export interface ActivityInput {
  measureId: string;
  kind: string;
  title: string;
  audience?: string;
  organisation: string;
  period: string;
  outputUnit: string;
  planned: number;
  delivered: number;
}
export interface Activity extends Required<ActivityInput> {
  id: string;
  version: number;
  changedBy: string;
  changedAt: string;
}

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkMeasure(input: MeasureInput): void {
  if (!ACTION_LINES.some((l) => l.line === input.actionLine)) {
    throw invalidInput('actionLine', label('Actielijn 1 tot en met 5', 'Action line 1 to 5'));
  }
  if (!(MEASURE_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidInput(
      'status',
      label(
        `Onbekende status "${input.status}" (wel: ${MEASURE_STATUSES.join(', ')})`,
        `Unknown status "${input.status}" (known: ${MEASURE_STATUSES.join(', ')})`,
      ),
    );
  }
  const owners = input.owners.map((o) => o.trim());
  if (owners.length === 0 || owners.some((o) => o.length < 2)) {
    throw invalidInput(
      'owners',
      label('Minstens één eigenaar (organisatienaam)', 'At least one owner (organisation name)'),
    );
  }
  for (const [i, m] of (input.milestones ?? []).entries()) {
    if (!DATE.test(m.due) || Number.isNaN(Date.parse(m.due))) {
      throw invalidInput(`milestones.${i}.due`, label('Datum als JJJJ-MM-DD', 'Date as YYYY-MM-DD'));
    }
  }
}

function checkActivity(input: ActivityInput): void {
  if (!PERIOD.test(input.period)) {
    throw invalidInput(
      'period',
      label('Periode als 2026, 2026-Q1 of 2026-03', 'Period as 2026, 2026-Q1 or 2026-03'),
    );
  }
  if (!(ACTIVITY_KINDS as readonly string[]).includes(input.kind)) {
    throw invalidInput('kind', label(`Onbekende soort "${input.kind}"`, `Unknown kind "${input.kind}"`));
  }
  if (!(OUTPUT_UNITS as readonly string[]).includes(input.outputUnit)) {
    throw invalidInput(
      'outputUnit',
      label(`Onbekende eenheid "${input.outputUnit}"`, `Unknown output unit "${input.outputUnit}"`),
    );
  }
}

async function editorName(tx: AccessTx): Promise<string> {
  return (
    (await tx.db.selectFrom('users').select('name').where('id', '=', tx.actor.userId).executeTakeFirst())
      ?.name ?? ''
  );
}

type MeasureRow = {
  id: string;
  version: number;
  action_line: number;
  title: string;
  description: string;
  owners: string[];
  status: string;
  milestones: unknown;
  changed_by_name: string;
  changed_at: Date | string;
};
type ActivityRow = {
  id: string;
  version: number;
  measure_id: string;
  kind: string;
  title: string;
  audience: string;
  organisation: string;
  period: string;
  output_unit: string;
  planned: number;
  delivered: number;
  changed_by_name: string;
  changed_at: Date | string;
};

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function toMeasure(row: MeasureRow, activities: Activity[] = []): Measure {
  return {
    id: row.id,
    version: Number(row.version),
    actionLine: Number(row.action_line),
    title: row.title,
    description: row.description,
    owners: row.owners,
    status: row.status,
    milestones: json(row.milestones) as Milestone[],
    changedBy: row.changed_by_name,
    changedAt: new Date(row.changed_at).toISOString(),
    activities,
  };
}
function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    version: Number(row.version),
    measureId: row.measure_id,
    kind: row.kind,
    title: row.title,
    audience: row.audience,
    organisation: row.organisation,
    period: row.period,
    outputUnit: row.output_unit,
    planned: Number(row.planned),
    delivered: Number(row.delivered),
    changedBy: row.changed_by_name,
    changedAt: new Date(row.changed_at).toISOString(),
  };
}

/** Keeps the newest version of each id. */
function latest<T extends { id: string; version: number }>(rows: readonly T[]): T[] {
  const out = new Map<string, T>();
  for (const row of rows) {
    const seen = out.get(row.id);
    if (!seen || Number(seen.version) < Number(row.version)) out.set(row.id, row);
  }
  return [...out.values()];
}

/** The current register: per action line its measures, each with its current activities. */
export async function programmeRegister(tx: AccessTx): Promise<Measure[]> {
  const measures = await tx.authorize('read', 'programme_measure');
  const measureRows = tx.disclose(
    measures,
    (await tx.db
      .selectFrom('programme_measures')
      .selectAll()
      .where((eb) => measures.where(eb))
      .execute()) as MeasureRow[],
  ) as MeasureRow[];
  const activities = await tx.authorize('read', 'programme_activity');
  const activityRows = tx.disclose(
    activities,
    (await tx.db
      .selectFrom('programme_activities')
      .selectAll()
      .where((eb) => activities.where(eb))
      .execute()) as ActivityRow[],
  ) as ActivityRow[];
  const byMeasure = new Map<string, Activity[]>();
  for (const a of latest(activityRows)
    .map(toActivity)
    .sort((x, y) => x.period.localeCompare(y.period) || x.title.localeCompare(y.title))) {
    byMeasure.set(a.measureId, [...(byMeasure.get(a.measureId) ?? []), a]);
  }
  return latest(measureRows)
    .map((row) => toMeasure(row, byMeasure.get(row.id) ?? []))
    .sort((a, b) => a.actionLine - b.actionLine || a.title.localeCompare(b.title));
}

export async function measureHistory(tx: AccessTx, id: string): Promise<Measure[]> {
  const decision = await tx.authorize('read', 'programme_measure');
  const rows = tx.disclose(
    decision,
    (await tx.db
      .selectFrom('programme_measures')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => decision.where(eb))
      .orderBy('version', 'desc')
      .execute()) as MeasureRow[],
  ) as MeasureRow[];
  if (rows.length === 0) throw notFound(label(`Geen maatregel ${id}`, `No measure ${id}`));
  return rows.map((row) => toMeasure(row));
}

export async function activityHistory(tx: AccessTx, id: string): Promise<Activity[]> {
  const decision = await tx.authorize('read', 'programme_activity');
  const rows = tx.disclose(
    decision,
    (await tx.db
      .selectFrom('programme_activities')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => decision.where(eb))
      .orderBy('version', 'desc')
      .execute()) as ActivityRow[],
  ) as ActivityRow[];
  if (rows.length === 0) throw notFound(label(`Geen activiteit ${id}`, `No activity ${id}`));
  return rows.map(toActivity);
}

/** The current version of a measure or activity (a chain-wide read), or 404. */
async function currentVersion(
  tx: AccessTx,
  table: 'programme_measures' | 'programme_activities',
  id: string,
): Promise<number> {
  const decision = await tx.authorize(
    'read',
    table === 'programme_measures' ? 'programme_measure' : 'programme_activity',
  );
  const row = await tx.db
    .selectFrom(table)
    .select((eb) => eb.fn.max('version').as('version'))
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  const version = row?.version === null || row?.version === undefined ? 0 : Number(row.version);
  if (version === 0) {
    throw notFound(
      table === 'programme_measures'
        ? label(`Geen maatregel ${id}`, `No measure ${id}`)
        : label(`Geen activiteit ${id}`, `No activity ${id}`),
    );
  }
  return version;
}

function stale(current: number, basedOn: number): never {
  throw conflict(
    label(
      `Iemand anders heeft dit intussen gewijzigd (nu versie ${current}, u bewerkte versie ${basedOn}); laad opnieuw`,
      `Someone else changed this meanwhile (now version ${current}, you edited version ${basedOn}); reload`,
    ),
    'version',
    'stale_version',
  );
}

/** A new measure (id absent) or a new version of one (id and the version it was based on). */
export async function saveMeasure(
  tx: AccessTx,
  input: MeasureInput,
  edit?: { id: string; version: number },
): Promise<Measure> {
  checkMeasure(input);
  let version = 1;
  if (edit) {
    const current = await currentVersion(tx, 'programme_measures', edit.id);
    if (current !== edit.version) stale(current, edit.version);
    version = current + 1;
  }
  const decision = await tx.authorize(edit ? 'update' : 'create', 'programme_measure');
  const row = (await tx.db
    .insertInto('programme_measures')
    .values({
      id: edit?.id ?? randomUUID(),
      version,
      org_id: tx.actor.orgId,
      action_line: input.actionLine,
      title: input.title.trim(),
      description: (input.description ?? '').trim(),
      owners: input.owners.map((o) => o.trim()),
      status: input.status,
      milestones: JSON.stringify(input.milestones ?? []),
      changed_by: tx.actor.userId,
      changed_by_name: await editorName(tx),
    })
    .returningAll()
    .executeTakeFirstOrThrow()) as MeasureRow;
  tx.record(decision, [row.id], ['title', 'owners', 'status', 'milestones'], `measure v${version}`);
  return toMeasure(row);
}

export async function saveActivity(
  tx: AccessTx,
  input: ActivityInput,
  edit?: { id: string; version: number },
): Promise<Activity> {
  checkActivity(input);
  await currentVersion(tx, 'programme_measures', input.measureId).catch(() => {
    throw invalidInput('measureId', label('Onbekende maatregel', 'Unknown measure'));
  });
  let version = 1;
  if (edit) {
    const current = await currentVersion(tx, 'programme_activities', edit.id);
    if (current !== edit.version) stale(current, edit.version);
    version = current + 1;
  }
  const decision = await tx.authorize(edit ? 'update' : 'create', 'programme_activity');
  const row = (await tx.db
    .insertInto('programme_activities')
    .values({
      id: edit?.id ?? randomUUID(),
      version,
      measure_id: input.measureId,
      org_id: tx.actor.orgId,
      kind: input.kind,
      title: input.title.trim(),
      audience: (input.audience ?? '').trim(),
      organisation: input.organisation.trim(),
      period: input.period,
      output_unit: input.outputUnit,
      planned: input.planned,
      delivered: input.delivered,
      changed_by: tx.actor.userId,
      changed_by_name: await editorName(tx),
    })
    .returningAll()
    .executeTakeFirstOrThrow()) as ActivityRow;
  tx.record(decision, [row.id], ['title', 'planned', 'delivered'], `activity v${version}`);
  return toActivity(row);
}

// --- The report's text blocks ---------------------------------------------------------------------------

export interface ReportText {
  year: number;
  actionLine: number;
  version: number;
  body: string;
  changedBy: string;
  changedAt: string;
}

/** The newest text per action line (0 = introduction) for a year. */
export async function reportTexts(tx: AccessTx, year: number): Promise<ReportText[]> {
  const decision = await tx.authorize('read', 'monitor_report_text');
  const rows = tx.disclose(
    decision,
    await tx.db
      .selectFrom('monitor_report_texts')
      .selectAll()
      .where('year', '=', year)
      .where((eb) => decision.where(eb))
      .orderBy('action_line')
      .orderBy('version', 'desc')
      .execute(),
    'action_line',
  ) as {
    year: number;
    action_line: number;
    version: number;
    body: string;
    changed_by_name: string;
    changed_at: Date;
  }[];
  const out = new Map<number, ReportText>();
  for (const row of rows) {
    if (!out.has(row.action_line)) {
      out.set(row.action_line, {
        year: row.year,
        actionLine: row.action_line,
        version: row.version,
        body: row.body,
        changedBy: row.changed_by_name,
        changedAt: new Date(row.changed_at).toISOString(),
      });
    }
  }
  return [...out.values()];
}

export async function saveReportText(
  tx: AccessTx,
  input: { year: number; actionLine: number; body: string; basedOn: number },
): Promise<ReportText> {
  if (input.actionLine !== 0 && !ACTION_LINES.some((l) => l.line === input.actionLine)) {
    throw invalidInput(
      'actionLine',
      label('Actielijn 0 (inleiding) tot en met 5', 'Action line 0 (introduction) to 5'),
    );
  }
  const current = (await reportTexts(tx, input.year)).find((t) => t.actionLine === input.actionLine);
  const version = current?.version ?? 0;
  if (version !== input.basedOn) stale(version, input.basedOn);
  const decision = await tx.authorize(version ? 'update' : 'create', 'monitor_report_text');
  const row = await tx.db
    .insertInto('monitor_report_texts')
    .values({
      year: input.year,
      action_line: input.actionLine,
      version: version + 1,
      org_id: tx.actor.orgId,
      body: input.body,
      changed_by: tx.actor.userId,
      changed_by_name: await editorName(tx),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [`${input.year}/${input.actionLine}`], ['body'], `report text v${row.version}`);
  return {
    year: row.year,
    actionLine: row.action_line,
    version: row.version,
    body: row.body,
    changedBy: row.changed_by_name,
    changedAt: new Date(row.changed_at).toISOString(),
  };
}
