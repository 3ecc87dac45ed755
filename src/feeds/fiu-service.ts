/**
 * FIU-Nederland's batches through the access context (issue 18, items 3, 4 and 6): upload all-or-nothing,
 * findings into signals through the signals capability's published intake (triage scores and routes them),
 * and the money flows around a signal or a case for the investigation services. Every read is audited per
 * transaction.
 */
import { sql } from 'kysely';
import type { AccessTx } from '../access/context.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { getCase } from '../cases/index.ts';
import { csvCell } from '../domain/csv-cell.ts';
import { label, Problem } from '../domain/problem.ts';
import { parseSignal, submitSignal } from '../signals/index.ts';
import {
  detectFindings,
  FIU_RULES,
  type FiuFinding,
  type FiuRawRow,
  type FiuReason,
  type Party,
  validateTransactions,
} from './fiu.ts';
import './fiu-schema.ts';
import { checkIban } from './iban.ts';

export const FIU_MAX_ROWS = 50_000;

export interface FiuUpload {
  reference: string;
  rows: readonly FiuRawRow[];
  source: 'csv' | 'xlsx';
  now?: Date;
}

function personOf(party: Party, role: 'possible_suspect' | 'other') {
  const words = party.name.split(/\s+/).filter((w) => w !== '');
  return {
    role,
    ...(words.length > 1 ? { givenNames: words.slice(0, -1).join(' ') } : {}),
    surname: words.at(-1) ?? party.name,
    ...(party.birthDate ? { dateOfBirth: party.birthDate } : {}),
  };
}

const companyOf = (party: Party) => ({
  name: party.name.slice(0, 200),
  ...(party.kvk ? { kvk: party.kvk } : {}),
});

/** The signal a finding becomes: the account holder as suspect or company, counterparties as others. */
function submissionOf(batchReference: string, finding: FiuFinding) {
  const persons: ReturnType<typeof personOf>[] = [];
  const companies: ReturnType<typeof companyOf>[] = [];
  const seen = new Set<string>();
  const add = (party: Party, role: 'possible_suspect' | 'other') => {
    const key = party.iban ?? party.kvk ?? party.name;
    if (seen.has(key) || party.name === 'Contant' || persons.length + companies.length >= 40) return;
    seen.add(key);
    if (party.kvk) companies.push(companyOf(party));
    else persons.push(personOf(party, role));
  };
  add(finding.holder, 'possible_suspect');
  for (const t of finding.transactions) {
    add(t.ordering, 'other');
    add(t.beneficiary, 'other');
  }
  const lines = finding.reasons.map((r) => `- ${r.label.nl} / ${r.label.en}`).join('\n');
  const forms = finding.forms.filter((f) => f !== 'unknown');
  return {
    channel: 'fiu',
    externalReference: `${batchReference}/${finding.account}`.slice(0, 100),
    forms: forms.length > 0 ? forms : ['unknown'],
    indicators: finding.reasons.map((r) => ({ code: r.indicator, remark: r.label.nl.slice(0, 2000) })),
    narrative:
      `FIU-Nederland, batch ${batchReference}: verdachte transacties rond rekening ${finding.account} (${finding.holder.name}) / suspicious transactions around account ${finding.account}.\n${lines}\nTransacties / transactions: ${finding.transactions.map((t) => t.reference).join(', ')}`.slice(
        0,
        20_000,
      ),
    persons,
    companies,
  };
}

export interface FiuSignal {
  signalId: string;
  account: string;
  holder: string;
  reasons: FiuReason[];
}

/** Stores a batch (all rows valid, or nothing written and 422 per row and field) and turns its findings into signals. */
export async function uploadBatch(tx: AccessTx, cipher: FieldCipher, upload: FiuUpload) {
  const batchDecision = await tx.authorize('create', 'fiu_batch');
  const transactionDecision = await tx.authorize('create', 'fiu_transaction');
  if (upload.rows.length === 0)
    throw new Problem(
      422,
      'empty_batch',
      label('De batch heeft geen transacties', 'The batch has no transactions'),
      'file',
    );
  if (upload.rows.length > FIU_MAX_ROWS)
    throw new Problem(
      413,
      'too_many_rows',
      label(
        `Meer dan ${FIU_MAX_ROWS} transacties in één batch`,
        `More than ${FIU_MAX_ROWS} transactions in one batch`,
      ),
      'file',
    );
  const { valid, problems } = validateTransactions(upload.rows, upload.now ?? new Date());
  if (problems.length > 0) {
    const lines = new Set(problems.map((p) => p.line)).size;
    throw new Problem(
      422,
      'invalid_rows',
      label(
        `${problems.length} fout(en) in ${lines} regel(s); niets opgeslagen`,
        `${problems.length} error(s) in ${lines} row(s); nothing stored`,
      ),
      'file',
      problems.slice(0, 500),
    );
  }
  const existing = await tx.db
    .selectFrom('fiu_batches')
    .select('id')
    .where('org_id', '=', tx.actor.orgId)
    .where('reference', '=', upload.reference)
    .executeTakeFirst();
  if (existing)
    throw new Problem(
      409,
      'duplicate_batch',
      label(`Batch ${upload.reference} is al aangeleverd`, `Batch ${upload.reference} was already uploaded`),
      'reference',
    );
  const batch = await tx.db
    .insertInto('fiu_batches')
    .values({
      org_id: tx.actor.orgId,
      reference: upload.reference,
      source: upload.source,
      row_count: valid.length,
      rules_version: FIU_RULES.version,
      uploaded_by: tx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < valid.length; i += 1000) {
    const inserted = await tx.db
      .insertInto('fiu_transactions')
      .values(
        valid.slice(i, i + 1000).map((t) => ({
          batch_id: batch.id,
          org_id: tx.actor.orgId,
          line: t.line,
          reference: t.reference,
          booked_on: t.bookedOn,
          kind: t.kind,
          amount: t.amount.toFixed(2),
          currency: t.currency,
          description: t.description,
          place: t.place,
          ordering_name: t.ordering.name,
          ordering_iban: t.ordering.iban,
          ordering_birth_date: t.ordering.birthDate,
          ordering_kvk: t.ordering.kvk,
          beneficiary_name: t.beneficiary.name,
          beneficiary_iban: t.beneficiary.iban,
          beneficiary_birth_date: t.beneficiary.birthDate,
          beneficiary_kvk: t.beneficiary.kvk,
          institution_category: t.institutionCategory,
          fiu_indicators: t.fiuIndicators,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  tx.record(batchDecision, [batch.id], ['reference', 'source', 'row_count', 'rules_version']);
  tx.record(
    transactionDecision,
    ids,
    ['booked_on', 'amount', 'currency', 'ordering', 'beneficiary', 'institution_category', 'fiu_indicators'],
    `batch ${upload.reference}`,
  );

  const signals: FiuSignal[] = [];
  for (const finding of detectFindings(valid)) {
    const submission = submissionOf(upload.reference, finding);
    const parsed = parseSignal(submission);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw new Problem(
        422,
        'invalid_signal',
        label(
          `Het signaal voor rekening ${finding.account} is ongeldig: ${first?.message.nl ?? ''}`,
          `The signal for account ${finding.account} is invalid: ${first?.message.en ?? ''}`,
        ),
        first?.field ?? 'file',
      );
    }
    const receipt = await submitSignal(tx, cipher, parsed.signal, {
      payloadHash: JSON.stringify(submission),
    });
    const accounts = [
      finding.account,
      ...new Set(
        finding.transactions
          .flatMap((t) => [t.ordering.iban, t.beneficiary.iban])
          .filter((a): a is string => !!a),
      ),
    ].filter((a, i, all) => all.indexOf(a) === i);
    await tx.db
      .insertInto('fiu_signals')
      .values({
        signal_id: receipt.id,
        batch_id: batch.id,
        org_id: tx.actor.orgId,
        accounts,
        reasons: JSON.stringify(finding.reasons),
      })
      .execute();
    signals.push({
      signalId: receipt.id,
      account: finding.account,
      holder: finding.holder.name,
      reasons: finding.reasons,
    });
  }
  return { batch: tx.disclose(batchDecision, [batch])[0], signals };
}

export async function listBatches(tx: AccessTx) {
  const decision = await tx.authorize('read', 'fiu_batch');
  const rows = await tx.db
    .selectFrom('fiu_batches')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('fiu_signals')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('fiu_signals.batch_id', '=', 'fiu_batches.id')
        .as('signal_count'),
    )
    .where((eb) => decision.where(eb))
    .orderBy('uploaded_at', 'desc')
    .limit(200)
    .execute();
  return tx
    .disclose(decision, rows)
    .map((r, i) => ({ ...r, signal_count: Number(rows[i].signal_count ?? 0) }));
}

export interface FlowQuery {
  signalId?: string;
  caseId?: string;
  from?: string;
  to?: string;
  minAmount?: number;
}

export interface FlowNode {
  id: string;
  name: string;
  iban: string | null;
  focus: boolean;
}

export interface FlowEdge {
  from: string;
  to: string;
  currency: string;
  total: number;
  count: number;
  first: string;
  last: string;
}

export interface FlowTransaction {
  id: string;
  reference: string;
  bookedOn: string;
  kind: string;
  amount: number;
  currency: string;
  description: string | null;
  place: string | null;
  from: string;
  to: string;
}

const nodeKey = (iban: string | null, name: string, place: string | null) =>
  iban ?? `cash:${(place ?? name).toLowerCase()}`;

/**
 * The money between the accounts of a signal (the accounts its indicators fired on and their counterparties)
 * or of a case (its IBAN identifiers and the FIU signals it holds): one hop around those accounts, filtered by
 * period and amount, as nodes, edges with totals per currency, and the transactions behind them.
 */
export async function moneyFlows(tx: AccessTx, query: FlowQuery) {
  // Refused before the case is opened: a caller without the FIU grant learns nothing about the case.
  await tx.authorize('read', 'fiu_transaction');
  const accounts = new Set<string>();
  const found = query.caseId ? await getCase(tx, query.caseId) : undefined;
  // Asked again after the case: the RLS scope follows the last decision (the case's is the own organisation's).
  const decision = await tx.authorize('read', 'fiu_transaction');
  if (found) {
    for (const identifier of (found.identifiers ?? []) as { kind?: string; value?: string }[])
      if (identifier.kind === 'iban' && identifier.value)
        accounts.add(identifier.value.replace(/\s/g, '').toUpperCase());
    const signalIds = ((found as { signals?: string[] }).signals ?? []).filter(Boolean);
    if (signalIds.length > 0) {
      const rows = await tx.db
        .selectFrom('fiu_signals')
        .select(['signal_id', 'accounts'])
        .where('signal_id', 'in', signalIds)
        .where((eb) => decision.where(eb))
        .execute();
      for (const r of rows) for (const a of r.accounts) accounts.add(a);
    }
  }
  if (query.signalId) {
    const row = await tx.db
      .selectFrom('fiu_signals')
      .select(['signal_id', 'accounts'])
      .where('signal_id', '=', query.signalId)
      .where((eb) => decision.where(eb))
      .executeTakeFirst();
    if (!row)
      throw new Problem(
        404,
        'not_found',
        label('Geen FIU-transacties bij dit signaal', 'No FIU transactions for this signal'),
        'signalId',
      );
    for (const a of row.accounts) accounts.add(a);
  }
  const focus = [...accounts];
  if (focus.length === 0) return { accounts: [], nodes: [], edges: [], transactions: [] };
  let q = tx.db
    .selectFrom('fiu_transactions')
    .selectAll()
    .where((eb) => eb.or([eb('ordering_iban', 'in', focus), eb('beneficiary_iban', 'in', focus)]))
    .where((eb) => decision.where(eb));
  if (query.from) q = q.where('booked_on', '>=', query.from);
  if (query.to) q = q.where('booked_on', '<=', query.to);
  if (query.minAmount !== undefined) q = q.where('amount', '>=', query.minAmount.toFixed(2));
  const rows = await q.orderBy('booked_on').orderBy('reference').limit(5000).execute();
  // Every transaction shown is a read of that record in the audit chain.
  tx.disclose(decision, rows);
  const nodes = new Map<string, FlowNode>();
  const edges = new Map<string, FlowEdge>();
  const transactions: FlowTransaction[] = [];
  for (const row of rows) {
    const from = nodeKey(row.ordering_iban, row.ordering_name, row.place);
    const to = nodeKey(row.beneficiary_iban, row.beneficiary_name, row.place);
    const cashName = (name: string) => (row.place ? `${name} (${row.place})` : name);
    if (!nodes.has(from))
      nodes.set(from, {
        id: from,
        name: row.ordering_iban ? row.ordering_name : cashName(row.ordering_name),
        iban: row.ordering_iban,
        focus: !!row.ordering_iban && accounts.has(row.ordering_iban),
      });
    if (!nodes.has(to))
      nodes.set(to, {
        id: to,
        name: row.beneficiary_iban ? row.beneficiary_name : cashName(row.beneficiary_name),
        iban: row.beneficiary_iban,
        focus: !!row.beneficiary_iban && accounts.has(row.beneficiary_iban),
      });
    const day = String(row.booked_on).slice(0, 10);
    const amount = Number(row.amount);
    const key = `${from}\u0000${to}\u0000${row.currency}`;
    const edge = edges.get(key) ?? {
      from,
      to,
      currency: row.currency,
      total: 0,
      count: 0,
      first: day,
      last: day,
    };
    edge.total = Math.round((edge.total + amount) * 100) / 100;
    edge.count += 1;
    if (day < edge.first) edge.first = day;
    if (day > edge.last) edge.last = day;
    edges.set(key, edge);
    transactions.push({
      id: row.id,
      reference: row.reference,
      bookedOn: day,
      kind: row.kind,
      amount,
      currency: row.currency,
      description: row.description,
      place: row.place,
      from,
      to,
    });
  }
  return {
    accounts: focus,
    nodes: [...nodes.values()],
    edges: [...edges.values()].sort((a, b) => b.total - a.total),
    transactions,
  };
}

/** The edges as CSV (the table's equivalent for a spreadsheet); cells neutralised against formulas. */
export function flowsCsv(flows: { nodes: FlowNode[]; edges: FlowEdge[] }): string {
  const name = new Map(flows.nodes.map((n) => [n.id, n]));
  const lines = [
    ['from_name', 'from_iban', 'to_name', 'to_iban', 'currency', 'total', 'count', 'first', 'last'].join(','),
    ...flows.edges.map((e) =>
      [
        name.get(e.from)?.name ?? e.from,
        name.get(e.from)?.iban ?? '',
        name.get(e.to)?.name ?? e.to,
        name.get(e.to)?.iban ?? '',
        e.currency,
        e.total.toFixed(2),
        e.count,
        e.first,
        e.last,
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * What FIU's batches know of one account (the IBAN as an identifier, like a phone number in signals): the
 * signals it is in, the names, dates of birth and KvK numbers it was held under, and its transactions counted.
 */
export async function accountLinks(tx: AccessTx, rawIban: string) {
  const decision = await tx.authorize('read', 'fiu_transaction');
  const check = checkIban(rawIban);
  if (!check.ok)
    throw new Problem(
      400,
      check.code,
      label(`${rawIban} is geen geldig IBAN`, `${rawIban} is not a valid IBAN`),
      'iban',
    );
  const iban = check.iban;
  const signals = await tx.db
    .selectFrom('fiu_signals')
    .innerJoin('fiu_batches', 'fiu_batches.id', 'fiu_signals.batch_id')
    .select(['fiu_signals.signal_id', 'fiu_signals.reasons', 'fiu_batches.reference'])
    .where(sql<boolean>`${iban} = ANY (fiu_signals.accounts)`)
    .where((eb) => decision.where(eb, 'fiu_signals'))
    .orderBy('fiu_batches.uploaded_at')
    .execute();
  const rows = await tx.db
    .selectFrom('fiu_transactions')
    .selectAll()
    .where((eb) => eb.or([eb('ordering_iban', '=', iban), eb('beneficiary_iban', '=', iban)]))
    .where((eb) => decision.where(eb))
    .execute();
  tx.disclose(decision, rows);
  const holders = new Map<string, { name: string; birthDate: string | null; kvk: string | null }>();
  for (const r of rows) {
    const side = r.ordering_iban === iban ? 'ordering' : 'beneficiary';
    const holder = {
      name: side === 'ordering' ? r.ordering_name : r.beneficiary_name,
      birthDate: (side === 'ordering' ? r.ordering_birth_date : r.beneficiary_birth_date) ?? null,
      kvk: side === 'ordering' ? r.ordering_kvk : r.beneficiary_kvk,
    };
    const day = holder.birthDate ? String(holder.birthDate).slice(0, 10) : null;
    holders.set(`${holder.name}|${day}|${holder.kvk}`, { ...holder, birthDate: day });
  }
  return {
    iban,
    signals: signals.map((s) => ({
      signalId: s.signal_id,
      batch: s.reference,
      reasons: s.reasons as FiuReason[],
    })),
    holders: [...holders.values()],
    transactions: rows.length,
    incoming: rows.filter((r) => r.beneficiary_iban === iban).length,
    outgoing: rows.filter((r) => r.ordering_iban === iban).length,
  };
}
