/**
 * FIU-Nederland's suspicious transactions (issue 18, item 3), the pure part: the batch's columns, validation
 * per row and field (IBAN mod-97 and country length, amount, ISO 4217 currency, dates, KvK, the reporting
 * institution's category), and the money-flow indicators that turn a batch into findings per account. The
 * indicators' thresholds and keywords are versioned data (fiu-rules.v1.json); triage weighs the OM/ILO
 * indicator each finding carries with the chain's active rule set.
 */
import { z } from 'zod';
import type { Label } from '../domain/label.ts';
import { label, type ProblemDetail } from '../domain/problem.ts';
import rulesV1 from './fiu-rules.v1.json' with { type: 'json' };
import { checkIban } from './iban.ts';

export const FIU_COLUMNS = [
  'reference',
  'date',
  'kind',
  'amount',
  'currency',
  'description',
  'place',
  'ordering_name',
  'ordering_iban',
  'ordering_birth_date',
  'ordering_kvk',
  'beneficiary_name',
  'beneficiary_iban',
  'beneficiary_birth_date',
  'beneficiary_kvk',
  'institution_category',
  'fiu_indicators',
] as const;

export const TRANSACTION_KINDS = ['transfer', 'cash_deposit', 'cash_withdrawal', 'card_payment'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** The reporting institution's category (Wwft art. 1a): who declared the transaction unusual. */
export const INSTITUTION_CATEGORIES = [
  'bank',
  'payment_institution',
  'money_transfer',
  'currency_exchange',
  'crypto',
  'casino',
  'trust_office',
  'other',
] as const;

/** ISO 4217 codes as the runtime knows them (Intl), plus the few it may lack. */
const CURRENCIES = new Set([...Intl.supportedValuesOf('currency'), 'EUR', 'USD', 'GBP']);

export interface Party {
  name: string;
  iban: string | null;
  birthDate: string | null;
  kvk: string | null;
}

export interface FiuTransaction {
  line: number;
  reference: string;
  bookedOn: string;
  kind: TransactionKind;
  amount: number;
  currency: string;
  description: string | null;
  place: string | null;
  ordering: Party;
  beneficiary: Party;
  institutionCategory: string;
  fiuIndicators: string[];
}

export type FiuRawRow = Record<string, string | undefined>;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function dutchToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

const text = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * Validates every row; returns the valid transactions and one problem per wrong field (`line` is the line in
 * the file, header = 1). A batch is written only when there is no problem at all.
 */
export function validateTransactions(
  rows: readonly FiuRawRow[],
  now: Date,
): { valid: FiuTransaction[]; problems: ProblemDetail[] } {
  const problems: ProblemDetail[] = [];
  const valid: FiuTransaction[] = [];
  const today = dutchToday(now);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const before = problems.length;
    const fail = (column: string, code: string, nl: string, en: string) =>
      problems.push({ line, column, field: column, code, message: label(nl, en) });

    const reference = text(row.reference);
    if (!reference)
      fail(
        'reference',
        'required',
        'De transactiereferentie ontbreekt',
        'The transaction reference is missing',
      );
    else if (seen.has(reference))
      fail(
        'reference',
        'duplicate',
        `Referentie ${reference} komt twee keer voor`,
        `Reference ${reference} occurs twice`,
      );
    else seen.add(reference);

    const date = text(row.date);
    if (!date) fail('date', 'required', 'De datum ontbreekt', 'The date is missing');
    else if (!isIsoDate(date))
      fail(
        'date',
        'invalid_date',
        `${date} is geen datum (JJJJ-MM-DD)`,
        `${date} is not a date (YYYY-MM-DD)`,
      );
    else if (date > today)
      fail('date', 'future_date', `${date} ligt in de toekomst`, `${date} lies in the future`);

    const kind = (text(row.kind) ?? 'transfer').toLowerCase() as TransactionKind;
    if (!(TRANSACTION_KINDS as readonly string[]).includes(kind))
      fail(
        'kind',
        'invalid_kind',
        `Onbekend soort transactie "${row.kind}" (${TRANSACTION_KINDS.join(', ')})`,
        `Unknown kind of transaction "${row.kind}" (${TRANSACTION_KINDS.join(', ')})`,
      );

    const rawAmount = text(row.amount);
    let amount = Number.NaN;
    if (!rawAmount) fail('amount', 'required', 'Het bedrag ontbreekt', 'The amount is missing');
    else if (!/^-?\d{1,12}([.,]\d{1,2})?$/.test(rawAmount))
      fail(
        'amount',
        'invalid_amount',
        `${rawAmount} is geen bedrag (bijvoorbeeld 1250.00)`,
        `${rawAmount} is not an amount (for example 1250.00)`,
      );
    else {
      amount = Number(rawAmount.replace(',', '.'));
      if (amount < 0)
        fail(
          'amount',
          'negative_amount',
          `Het bedrag ${rawAmount} is negatief; geef de richting aan met opdrachtgever en begunstigde`,
          `The amount ${rawAmount} is negative; give the direction with ordering and beneficiary party`,
        );
      else if (amount === 0) fail('amount', 'zero_amount', 'Het bedrag is nul', 'The amount is zero');
    }

    const currency = (text(row.currency) ?? '').toUpperCase();
    if (!currency) fail('currency', 'required', 'De valuta ontbreekt', 'The currency is missing');
    else if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency))
      fail(
        'currency',
        'unknown_currency',
        `Onbekende valuta "${row.currency}" (ISO 4217, bijvoorbeeld EUR)`,
        `Unknown currency "${row.currency}" (ISO 4217, for example EUR)`,
      );

    const party = (side: 'ordering' | 'beneficiary', cashSide: boolean): Party => {
      const name = text(row[`${side}_name`]);
      const what = side === 'ordering' ? ['opdrachtgever', 'ordering party'] : ['begunstigde', 'beneficiary'];
      if (!name && !cashSide)
        fail(
          `${side}_name`,
          'required',
          `De naam van de ${what[0]} ontbreekt`,
          `The ${what[1]}'s name is missing`,
        );
      const rawIban = text(row[`${side}_iban`]);
      let iban: string | null = null;
      if (!rawIban) {
        if (!cashSide)
          fail(
            `${side}_iban`,
            'required',
            `Het IBAN van de ${what[0]} ontbreekt`,
            `The ${what[1]}'s IBAN is missing`,
          );
      } else {
        const check = checkIban(rawIban);
        if (check.ok) iban = check.iban;
        else {
          const why = {
            iban_format: ['heeft niet de vorm van een IBAN', 'is not shaped like an IBAN'],
            iban_country: ['heeft een onbekende landcode', 'has an unknown country code'],
            iban_length: [
              'heeft niet de lengte die bij het land hoort',
              "does not have its country's length",
            ],
            iban_checksum: ['klopt niet (controlegetal mod-97)', 'fails the mod-97 check'],
          }[check.code];
          fail(`${side}_iban`, check.code, `IBAN ${rawIban} ${why[0]}`, `IBAN ${rawIban} ${why[1]}`);
        }
      }
      const birthDate = text(row[`${side}_birth_date`]);
      if (birthDate && (!isIsoDate(birthDate) || birthDate > today))
        fail(
          `${side}_birth_date`,
          'invalid_date',
          `${birthDate} is geen geboortedatum (JJJJ-MM-DD, niet in de toekomst)`,
          `${birthDate} is not a date of birth (YYYY-MM-DD, not in the future)`,
        );
      const rawKvk = text(row[`${side}_kvk`]);
      const kvk = rawKvk?.replace(/[\s.]/g, '') ?? null;
      if (kvk && !/^\d{8}$/.test(kvk))
        fail(
          `${side}_kvk`,
          'invalid_kvk',
          'Het KvK-nummer moet uit 8 cijfers bestaan',
          'The KvK number must be 8 digits',
        );
      return {
        name: name ?? (cashSide ? (side === 'ordering' ? 'Contant' : 'Contant') : ''),
        iban,
        birthDate,
        kvk,
      };
    };
    const ordering = party('ordering', kind === 'cash_deposit');
    const beneficiary = party('beneficiary', kind === 'cash_withdrawal');
    if (kind === 'cash_deposit' && !text(row.place))
      fail(
        'place',
        'required',
        'Bij een contante storting hoort de plaats',
        'A cash deposit needs its place',
      );

    const category = (text(row.institution_category) ?? '').toLowerCase();
    if (!(INSTITUTION_CATEGORIES as readonly string[]).includes(category))
      fail(
        'institution_category',
        category ? 'invalid_category' : 'required',
        `Categorie van de melder moet een van ${INSTITUTION_CATEGORIES.join(', ')} zijn`,
        `The reporting institution's category must be one of ${INSTITUTION_CATEGORIES.join(', ')}`,
      );
    const description = text(row.description);
    if (description && description.length > 500)
      fail(
        'description',
        'too_long',
        'Omschrijving langer dan 500 tekens',
        'Description longer than 500 characters',
      );

    if (problems.length > before || !reference || !date) return;
    valid.push({
      line,
      reference,
      bookedOn: date,
      kind,
      amount,
      currency,
      description,
      place: text(row.place),
      ordering,
      beneficiary,
      institutionCategory: category,
      fiuIndicators: (row.fiu_indicators ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    });
  });
  return { valid, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Money-flow indicators (versioned data)

const ruleSchema = z.strictObject({
  id: z.string().min(1),
  side: z.enum(['ordering', 'beneficiary']),
  kinds: z.array(z.enum(TRANSACTION_KINDS)).min(1),
  keywords: z.array(z.string().min(2)),
  minTransactions: z.number().int().min(1),
  minCounterparties: z.number().int().min(1).optional(),
  minPlaces: z.number().int().min(1).optional(),
  indicator: z.string().min(1),
  form: z.enum(['sexual', 'labour', 'criminal', 'other', 'unknown']),
  label: z.strictObject({ nl: z.string(), en: z.string() }),
});
export const fiuRuleSetSchema = z.strictObject({
  version: z.number().int().min(1),
  name: z.string(),
  rules: z.array(ruleSchema).min(1),
});
export type FiuRuleSet = z.infer<typeof fiuRuleSetSchema>;
export type FiuRule = FiuRuleSet['rules'][number];

export const FIU_RULES: FiuRuleSet = fiuRuleSetSchema.parse(rulesV1);

export interface FiuReason {
  rule: string;
  indicator: string;
  label: Label;
}

/** One account the indicators fired on: its holder, why, and the transactions behind it. */
export interface FiuFinding {
  account: string;
  holder: Party;
  forms: string[];
  reasons: FiuReason[];
  transactions: FiuTransaction[];
}

function money(amount: number, currency: string, lang: 'nl' | 'en'): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency }).format(
    amount,
  );
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function totalText(items: readonly FiuTransaction[], lang: 'nl' | 'en'): string {
  const per = new Map<string, number>();
  for (const t of items) per.set(t.currency, (per.get(t.currency) ?? 0) + t.amount);
  return [...per].map(([c, a]) => money(a, c, lang)).join(' + ');
}

const matchesKeywords = (rule: FiuRule, t: FiuTransaction) => {
  if (rule.keywords.length === 0) return true;
  const words = (t.description ?? '').toLowerCase();
  return rule.keywords.some((k) => new RegExp(`(^|[^\\p{L}])${k}`, 'u').test(words));
};

/**
 * Scores a batch: per rule, the transactions it looks at grouped by the account on its side; an account that
 * reaches the rule's thresholds is a finding with the rule's reason. Findings on one account are merged.
 */
export function detectFindings(
  transactions: readonly FiuTransaction[],
  rules: FiuRuleSet = FIU_RULES,
): FiuFinding[] {
  const findings = new Map<string, FiuFinding>();
  for (const rule of rules.rules) {
    const groups = new Map<string, FiuTransaction[]>();
    for (const t of transactions) {
      if (!rule.kinds.includes(t.kind) || !matchesKeywords(rule, t)) continue;
      const account = t[rule.side].iban;
      if (!account) continue;
      groups.set(account, [...(groups.get(account) ?? []), t]);
    }
    for (const [account, items] of groups) {
      const other = rule.side === 'ordering' ? 'beneficiary' : 'ordering';
      const counterparties = new Set(items.map((t) => t[other].iban ?? t[other].name)).size;
      const places = new Set(items.map((t) => (t.place ?? '').toLowerCase()).filter((p) => p !== '')).size;
      if (items.length < rule.minTransactions) continue;
      if (rule.minCounterparties && counterparties < rule.minCounterparties) continue;
      if (rule.minPlaces && places < rule.minPlaces) continue;
      const values = (lang: 'nl' | 'en') => ({
        count: items.length,
        total: totalText(items, lang),
        counterparties,
        places,
      });
      const finding = findings.get(account) ?? {
        account,
        holder: items[0][rule.side],
        forms: [],
        reasons: [],
        transactions: [],
      };
      finding.reasons.push({
        rule: rule.id,
        indicator: rule.indicator,
        label: {
          nl: `${fill(rule.label.nl, values('nl'))} (${account})`,
          en: `${fill(rule.label.en, values('en'))} (${account})`,
        },
      });
      if (!finding.forms.includes(rule.form)) finding.forms.push(rule.form);
      const known = new Set(finding.transactions.map((t) => t.reference));
      finding.transactions.push(...items.filter((t) => !known.has(t.reference)));
      findings.set(account, finding);
    }
  }
  for (const f of findings.values()) {
    if (f.forms.length > 1) f.forms = f.forms.filter((form) => form !== 'unknown');
  }
  return [...findings.values()];
}
