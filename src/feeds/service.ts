/**
 * The Wav dataset and the visa desk's screening (issue 18, items 1 and 2), through the access context only:
 * every read and write authorised by the feeds' grants and audited.
 */
import { readSheet } from 'read-excel-file/node';
import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { label, Problem, type ProblemDetail } from '../domain/problem.ts';
import { normaliseKvk, normalisePostcode } from '../linkage/index.ts';
import { checkXlsxLimits, parseSignal, submitSignal } from '../signals/index.ts';
import { readCsvRecords, registerEntryOf } from './csv.ts';
import { type Referent, ScreeningIndex, type ScreenResult } from './match.ts';
import './schema.ts';

export const DEFAULT_RETENTION_MONTHS = 36;
export const MAX_ROWS = 100_000;
export const MAX_BATCH = 10_000;
/** An XLSX of 100,000 rows unpacks to some tens of MB; more is refused while unpacking. */
export const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export type WavSource = 'csv' | 'xlsx' | 'api';

/** One row as the publisher gives it (CSV/XLSX columns or the API's fields), before validation. */
export type RawRow = Record<string, string | undefined>;

export interface ValidRow {
  reference: string;
  kvk: string | null;
  name: string;
  tradeNames: string[];
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  finedOn: string;
  irrevocableOn: string;
  article: string | null;
}

function today(now: Date): string {
  // The calendar day in the Netherlands.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const trimmed = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * Validates every row (KvK 8 digits, postcode 1234AB, dates real and not in the future, the fine irrevocable)
 * and returns the valid rows and one problem per wrong field; `line` is the row's line in the file (header = 1).
 */
export function validateRows(
  rows: readonly RawRow[],
  now: Date,
): { valid: ValidRow[]; problems: ProblemDetail[] } {
  const problems: ProblemDetail[] = [];
  const valid: ValidRow[] = [];
  const day = today(now);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const before = problems.length;
    const fail = (column: string, code: string, nl: string, en: string) =>
      problems.push({ line, column, field: column, code, message: label(nl, en) });
    const reference = trimmed(row.id);
    if (!reference) fail('id', 'required', 'De referentie (id) ontbreekt', 'The reference (id) is missing');
    else if (seen.has(reference))
      fail(
        'id',
        'duplicate',
        `Referentie ${reference} komt twee keer voor`,
        `Reference ${reference} occurs twice`,
      );
    else seen.add(reference);
    const name = trimmed(row.name);
    if (!name) fail('name', 'required', 'De bedrijfsnaam ontbreekt', 'The company name is missing');
    const rawKvk = trimmed(row.kvk);
    const kvk = rawKvk ? normaliseKvk(rawKvk) : undefined;
    if (rawKvk && (!kvk || !/^[\d\s.]+$/.test(rawKvk)))
      fail(
        'kvk',
        'invalid_kvk',
        'Het KvK-nummer moet uit 8 cijfers bestaan',
        'The KvK number must be 8 digits',
      );
    const rawPostcode = trimmed(row.postcode);
    const postcode = rawPostcode ? normalisePostcode(rawPostcode) : undefined;
    if (rawPostcode && !postcode)
      fail(
        'postcode',
        'invalid_postcode',
        'De postcode moet de vorm 1234 AB hebben',
        'The postcode must look like 1234 AB',
      );
    if (!kvk && !postcode)
      fail(
        'kvk',
        'required',
        'KvK-nummer of postcode is nodig om te kunnen toetsen',
        'A KvK number or postcode is needed to screen',
      );
    const finedOn = trimmed(row.fined_on);
    const irrevocableOn = trimmed(row.irrevocable_on);
    for (const [column, value] of [
      ['fined_on', finedOn],
      ['irrevocable_on', irrevocableOn],
    ] as const) {
      if (!value) {
        if (column === 'irrevocable_on')
          fail(
            column,
            'not_irrevocable',
            'De boete is nog niet onherroepelijk (datum onherroepelijk ontbreekt)',
            'The fine is not yet irrevocable (date irrevocable missing)',
          );
        else fail(column, 'required', 'De boetedatum ontbreekt', 'The date of the fine is missing');
      } else if (!isIsoDate(value))
        fail(
          column,
          'invalid_date',
          `${value} is geen datum (JJJJ-MM-DD)`,
          `${value} is not a date (YYYY-MM-DD)`,
        );
      else if (value > day)
        fail(
          column,
          column === 'irrevocable_on' ? 'not_irrevocable' : 'future_date',
          `${value} ligt in de toekomst${column === 'irrevocable_on' ? ': de boete is nog niet onherroepelijk' : ''}`,
          `${value} lies in the future${column === 'irrevocable_on' ? ': the fine is not yet irrevocable' : ''}`,
        );
    }
    if (finedOn && irrevocableOn && isIsoDate(finedOn) && isIsoDate(irrevocableOn) && irrevocableOn < finedOn)
      fail(
        'irrevocable_on',
        'before_fine',
        'De boete kan niet onherroepelijk zijn vóór de boetedatum',
        'The fine cannot be irrevocable before it was imposed',
      );
    if (problems.length > before || !reference || !name || !finedOn || !irrevocableOn) return;
    valid.push({
      reference,
      kvk: kvk ?? null,
      name,
      tradeNames: (row.trade_names ?? '')
        .split('|')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
      street: trimmed(row.street),
      houseNumber: trimmed(row.house_number),
      postcode: postcode ?? null,
      city: trimmed(row.city),
      finedOn,
      irrevocableOn,
      article: trimmed(row.article),
    });
  });
  return { valid, problems };
}

function cellText(cell: unknown): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return cell === null || cell === undefined ? '' : String(cell);
}

/** Rows of an uploaded file: CSV (`,` or `;`) or XLSX (first sheet), by their header. */
export async function readUpload(data: Uint8Array, source: 'csv' | 'xlsx'): Promise<RawRow[]> {
  const fileProblem = (nl: string, en: string) => new Problem(400, 'invalid_file', label(nl, en), 'file');
  if (source === 'csv') {
    try {
      return readCsvRecords(new TextDecoder('utf-8', { fatal: true }).decode(data));
    } catch {
      throw fileProblem('Het bestand is geen geldige CSV (UTF-8)', 'The file is not valid CSV (UTF-8)');
    }
  }
  // A zip bomb or a huge declared sheet is stopped while unpacking, before the XML parser sees a byte.
  const limit = checkXlsxLimits(data, {
    maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES,
    maxRows: MAX_ROWS + 1,
    maxColumns: 50,
  });
  if (limit?.kind === 'damaged')
    throw fileProblem(
      'Het Excel-bestand is beschadigd of geen XLSX',
      'The Excel file is damaged or not an XLSX file',
    );
  if (limit)
    throw new Problem(
      413,
      `xlsx_${limit.kind}`,
      label(
        `Het Excel-bestand is te groot (${limit.kind === 'unpacked_too_large' ? 'uitgepakt' : limit.kind === 'too_many_rows' ? 'regels' : 'kolommen'}: meer dan ${limit.limit})`,
        `The Excel file is too large (${limit.kind === 'unpacked_too_large' ? 'unpacked' : limit.kind === 'too_many_rows' ? 'rows' : 'columns'}: more than ${limit.limit})`,
      ),
      'file',
    );
  let sheet: unknown[][];
  try {
    sheet = await readSheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    throw fileProblem(
      'Het Excel-bestand is beschadigd of geen XLSX',
      'The Excel file is damaged or not an XLSX file',
    );
  }
  const [header, ...rest] = sheet;
  if (!header) return [];
  const names = header.map((h) => cellText(h).trim().toLowerCase());
  return rest
    .filter((cells) => cells.some((c) => cellText(c).trim() !== ''))
    .map((cells) => Object.fromEntries(names.map((n, i) => [n, cellText(cells[i])])));
}

export interface PublishInput {
  rows: readonly RawRow[];
  source: WavSource;
  contactPoint: string;
  retentionMonths?: number;
  now?: Date;
}

/** Publishes a new version: all rows valid, or nothing written and a 422 with a problem per row and field. */
export async function publishDataset(tx: AccessTx, input: PublishInput) {
  const versionDecision = await tx.authorize('create', 'wav_version');
  const entryDecision = await tx.authorize('create', 'wav_entry');
  if (input.rows.length === 0)
    throw new Problem(
      422,
      'empty_dataset',
      label('De dataset heeft geen regels', 'The dataset has no rows'),
      'rows',
    );
  if (input.rows.length > MAX_ROWS)
    throw new Problem(
      413,
      'too_many_rows',
      label(`Meer dan ${MAX_ROWS} regels`, `More than ${MAX_ROWS} rows`),
      'rows',
    );
  const now = input.now ?? new Date();
  const { valid, problems } = validateRows(input.rows, now);
  if (problems.length > 0) {
    throw new Problem(
      422,
      'invalid_rows',
      label(
        `${problems.length} fout(en) in ${new Set(problems.map((p) => p.line)).size} regel(s); niets gepubliceerd`,
        `${problems.length} error(s) in ${new Set(problems.map((p) => p.line)).size} row(s); nothing published`,
      ),
      'rows',
      problems.slice(0, 500),
    );
  }
  const retention = input.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const last = await tx.db
    .selectFrom('wav_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
  const version = await tx.db
    .insertInto('wav_versions')
    .values({
      org_id: tx.actor.orgId,
      version: Number(last?.v ?? 0) + 1,
      source: input.source,
      row_count: valid.length,
      retention_months: retention,
      contact_point: input.contactPoint,
      published_by: tx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (let i = 0; i < valid.length; i += 1000) {
    const chunk = valid.slice(i, i + 1000);
    await tx.db
      .insertInto('wav_entries')
      .values(
        chunk.map((r) => ({
          version_id: version.id,
          org_id: tx.actor.orgId,
          reference: r.reference,
          kvk: r.kvk,
          name: r.name,
          trade_names: r.tradeNames,
          street: r.street,
          house_number: r.houseNumber,
          postcode: r.postcode,
          city: r.city,
          fined_on: r.finedOn,
          irrevocable_on: r.irrevocableOn,
          article: r.article,
          expires_on: addMonths(r.irrevocableOn, retention),
        })),
      )
      .execute();
  }
  tx.record(
    versionDecision,
    [version.id],
    ['version', 'source', 'row_count', 'retention_months', 'contact_point'],
  );
  tx.record(
    entryDecision,
    [version.id],
    ['kvk', 'name', 'trade_names', 'address', 'fined_on', 'irrevocable_on'],
    `${valid.length} rows`,
  );
  const expired = valid.filter((r) => addMonths(r.irrevocableOn, retention) <= today(now)).length;
  return { ...tx.disclose(versionDecision, [version])[0], expired };
}

export async function listVersions(tx: AccessTx) {
  const decision = await tx.authorize('read', 'wav_version');
  const rows = await tx.db
    .selectFrom('wav_versions')
    .selectAll()
    .where((eb) => decision.where(eb))
    .orderBy('version', 'desc')
    .execute();
  return tx.disclose(decision, rows);
}

/** The Inspectie's own rows of one version (its own dataset). */
export async function versionEntries(tx: AccessTx, versionId: string) {
  const decision = await tx.authorize('read', 'wav_entry');
  const rows = await tx.db
    .selectFrom('wav_entries')
    .selectAll()
    .where('version_id', '=', versionId)
    .where((eb) => decision.where(eb))
    .orderBy('reference')
    .execute();
  return tx.disclose(decision, rows);
}

/** What the desk gets per application: verdict, strength, reasons; for a (possible) hit a contact point and a reference. */
export interface DeskResult {
  applicationRef: string;
  verdict: ScreenResult['verdict'];
  score: number | null;
  reasons: string[];
  contact: { organisation: string; contactPoint: string; reference: string } | null;
}

/**
 * Screens referents against the current version of every publisher, without the expired entries. The desk
 * never receives an entry's content: only the reference and the publisher's contact point of the best match.
 */
export async function screenReferents(tx: AccessTx, referents: readonly Referent[], now = new Date()) {
  // The own-organisation decision first: the chain-wide searches after it keep the scope for the queries.
  const screening = await tx.authorize('create', 'visa_screening');
  const searchEntries = await tx.authorize('search', 'wav_entry');
  const searchVersions = await tx.authorize('search', 'wav_version');
  if (referents.length === 0 || referents.length > MAX_BATCH)
    throw new Problem(
      400,
      'invalid_input',
      label(
        `Tussen 1 en ${MAX_BATCH} aanvragen per keer`,
        `Between 1 and ${MAX_BATCH} applications at a time`,
      ),
      'applications',
    );
  const current = await tx.db
    .selectFrom('wav_versions as v')
    .innerJoin('organisations as o', 'o.id', 'v.org_id')
    .select(['v.id', 'v.org_id', 'v.contact_point', 'o.name as org_name'])
    .where((eb) => searchVersions.where(eb))
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('wav_versions as w')
          .select((e) => e.fn.max('w.version').as('m'))
          .whereRef('w.org_id', '=', 'v.org_id'),
      ),
    )
    .execute();
  const entries =
    current.length === 0
      ? []
      : await tx.db
          .selectFrom('wav_entries')
          .selectAll()
          .where(
            'version_id',
            'in',
            current.map((c) => c.id),
          )
          .where('expires_on', '>', today(now))
          .where((eb) => searchEntries.where(eb))
          .execute();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const versionOf = new Map(current.map((c) => [c.id, c]));
  const index = new ScreeningIndex(
    entries.map((e) =>
      registerEntryOf({
        id: e.id,
        kvk: e.kvk ?? '',
        name: e.name,
        trade_names: e.trade_names.join('|'),
        house_number: e.house_number ?? '',
        postcode: e.postcode ?? '',
        city: e.city ?? '',
      }),
    ),
  );
  const publisherOf: (string | null)[] = [];
  const results: DeskResult[] = referents.map((r) => {
    const res = index.screen(r);
    const best = res.matches[0];
    const entry = best ? byId.get(best.registerId) : undefined;
    const version = entry ? versionOf.get(entry.version_id) : undefined;
    publisherOf.push(entry?.org_id ?? null);
    return {
      applicationRef: r.id,
      verdict: res.verdict,
      score: best?.score ?? null,
      reasons: best?.reasons ?? [],
      contact:
        entry && version
          ? {
              organisation: version.org_name,
              contactPoint: version.contact_point,
              reference: entry.reference,
            }
          : null,
    };
  });
  const stored = await tx.db
    .insertInto('visa_screenings')
    .values(
      results.map((r, i) => ({
        org_id: tx.actor.orgId,
        screened_by: tx.actor.userId,
        application_ref: r.applicationRef,
        referent_name: referents[i].name,
        referent_kvk: referents[i].kvk ?? null,
        verdict: r.verdict,
        score: r.score,
        reasons: r.reasons,
        publisher_org_id: publisherOf[i],
        reference: r.contact?.reference ?? null,
      })),
    )
    .returning('id')
    .execute();
  tx.record(
    screening,
    stored.map((s) => s.id),
    ['application_ref', 'referent_name', 'referent_kvk', 'verdict'],
  );
  // The search itself, per entry that answered a (possible) hit: which references were disclosed to the desk.
  const disclosed = results.flatMap((r) => (r.contact ? [r.contact.reference] : []));
  tx.record(
    searchEntries,
    disclosed,
    ['reference', 'org_id'],
    `screening of ${referents.length} application(s)`,
  );
  tx.record(
    searchVersions,
    [...new Set(results.flatMap((r) => (r.contact ? [r.contact.organisation] : [])))],
    ['contact_point'],
  );
  return results;
}

export async function listScreenings(tx: AccessTx) {
  const decision = await tx.authorize('read', 'visa_screening');
  const rows = await tx.db
    .selectFrom('visa_screenings')
    .selectAll()
    .where((eb) => decision.where(eb))
    .orderBy('screened_at', 'desc')
    .limit(500)
    .execute();
  return tx.disclose(decision, rows);
}

export interface MisuseReport {
  referentName: string;
  referentKvk?: string;
  postcode?: string;
  houseNumber?: string;
  city?: string;
  /** What the desk saw: which earlier visas, how they were not used for their purpose. */
  account: string;
  applicationRefs?: string[];
}

/**
 * The desk registers a referent whose earlier visas were misused: a labour-exploitation signal for the chain's
 * triage (the signals capability's published interface), with the referent as the company concerned.
 */
export async function reportMisusedReferent(tx: AccessTx, cipher: FieldCipher, report: MisuseReport) {
  const refs = report.applicationRefs?.length
    ? ` Aanvragen / applications: ${report.applicationRefs.join(', ')}.`
    : '';
  const submission = {
    channel: 'api',
    forms: ['labour'],
    narrative: `Visumdesk BZ: referent van wie eerdere visa niet voor het doel zijn gebruikt / visa desk: referent whose earlier visas were not used for their purpose. ${report.account}${refs}`,
    companies: [
      {
        name: report.referentName,
        ...(report.referentKvk ? { kvk: report.referentKvk } : {}),
        ...(report.postcode || report.city
          ? {
              address: {
                ...(report.postcode ? { postcode: report.postcode } : {}),
                ...(report.houseNumber ? { houseNumber: report.houseNumber } : {}),
                ...(report.city ? { city: report.city } : {}),
              },
            }
          : {}),
      },
    ],
  };
  const parsed = parseSignal(submission);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new Problem(
      400,
      'invalid_input',
      first?.message ?? label('Ongeldige melding', 'Invalid report'),
      first?.field ?? 'referent',
      parsed.errors.map((e) => ({ code: e.code, message: e.message, field: e.field })),
    );
  }
  const payloadHash = JSON.stringify(submission);
  return submitSignal(tx, cipher, parsed.signal, { payloadHash });
}
