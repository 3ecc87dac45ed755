import type { AccessTx } from '../access/context.ts';
import { AccessDenied } from '../access/policy.ts';
import type { Label } from '../domain/label.ts';
import { findMunicipality, MUNICIPALITIES } from '../domain/municipalities.ts';
import { invalidInput, label, notFound } from '../domain/problem.ts';
import type { Cell, SuppressionRule } from '../domain/suppress.ts';
import './tables.ts';

/**
 * The municipal approach (issue 17, item 5): the VNG/CoMensha "handvatten" as a self-assessment each
 * municipality fills in for itself (versioned, with evidence links), and the national policy status.
 */
export const HANDVATTEN: readonly { item: string; label: Label }[] = [
  {
    item: 'policy_adopted',
    label: { nl: 'Beleid mensenhandel vastgesteld', en: 'Trafficking policy adopted' },
  },
  {
    item: 'contact_person',
    label: { nl: 'Aandachtsfunctionaris mensenhandel', en: 'Trafficking contact person' },
  },
  {
    item: 'reporting_route',
    label: { nl: 'Meldroute binnen de gemeente', en: 'Reporting route inside the municipality' },
  },
  {
    item: 'care_coordination',
    label: { nl: 'Zorgcoördinatie voor de regio geregeld', en: 'Care coordination arranged for the region' },
  },
  {
    item: 'frontline_training',
    label: { nl: 'Training van eerstelijns medewerkers', en: 'Training of front-line staff' },
  },
  { item: 'barrier_model', label: { nl: 'Barrièremodellen gebruikt', en: 'Barrier models used' } },
  {
    item: 'riec_participation',
    label: { nl: 'Deelname aan RIEC-casusoverleg', en: 'Participation in RIEC case consultations' },
  },
  {
    item: 'insight_nature_size',
    label: { nl: 'Zicht op aard en omvang', en: 'Insight into nature and size' },
  },
];
export const ANSWERS = ['yes', 'partly', 'no', 'unknown'] as const;
export type Answer = (typeof ANSWERS)[number];

/** The baseline measurement (letter to parliament): 135 of 342 municipalities took part. */
export const BASELINE = { participated: 135, municipalities: 342 };

export interface Evidence {
  item: string;
  url: string;
  title: string;
}

export interface Assessment {
  id: string;
  municipality: string;
  municipalityName: string;
  version: number;
  answers: Record<string, Answer>;
  evidence: Evidence[];
  submittedAt: string;
}

async function ownCode(tx: AccessTx): Promise<string | null> {
  const org = await tx.db
    .selectFrom('organisations')
    .select('cbs_code')
    .where('id', '=', tx.actor.orgId)
    .executeTakeFirst();
  return org?.cbs_code ?? null;
}

/** 403 with the reason for another municipality than one's own. */
async function requireOwn(tx: AccessTx, code: string, action: 'read' | 'create'): Promise<void> {
  if (!findMunicipality(code)) throw notFound(label(`Geen gemeente ${code}`, `No municipality ${code}`));
  const own = await ownCode(tx);
  if (own !== code) {
    throw new AccessDenied(
      'not_permitted',
      `U vult de zelfevaluatie alleen in voor uw eigen gemeente (${own ?? 'geen'}), niet voor ${code} / you fill in the self-assessment only for your own municipality (${own ?? 'none'}), not for ${code}`,
      'municipal_assessment',
      action,
    );
  }
}

function toAssessment(row: {
  id: string;
  municipality: string;
  version: number;
  answers: unknown;
  evidence: unknown;
  submitted_at: Date | string;
}): Assessment {
  return {
    id: row.id,
    municipality: row.municipality,
    municipalityName: findMunicipality(row.municipality)?.name ?? row.municipality,
    version: row.version,
    answers: (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<
      string,
      Answer
    >,
    evidence: (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) as Evidence[],
    submittedAt: new Date(row.submitted_at).toISOString(),
  };
}

/** Every version of one's own municipality's self-assessment, newest first. */
export async function assessmentHistory(tx: AccessTx, code: string): Promise<Assessment[]> {
  await requireOwn(tx, code, 'read');
  const decision = await tx.authorize('read', 'municipal_assessment');
  const rows = await tx.db
    .selectFrom('municipal_assessments')
    .select(['id', 'municipality', 'version', 'answers', 'evidence', 'submitted_at'])
    .where('municipality', '=', code)
    .where((eb) => decision.where(eb))
    .orderBy('version', 'desc')
    .execute();
  tx.disclose(decision, rows);
  return rows.map(toAssessment);
}

/** A new version: every item answered, evidence links http(s) for known items. */
export async function submitAssessment(
  tx: AccessTx,
  code: string,
  input: { answers: Record<string, string>; evidence?: Evidence[] },
): Promise<Assessment> {
  await requireOwn(tx, code, 'create');
  const decision = await tx.authorize('create', 'municipal_assessment');
  const items = HANDVATTEN.map((h) => h.item);
  for (const key of Object.keys(input.answers)) {
    if (!items.includes(key)) {
      throw invalidInput(`answers.${key}`, label(`Onbekend onderdeel "${key}"`, `Unknown item "${key}"`));
    }
  }
  for (const item of items) {
    const answer = input.answers[item];
    if (!(ANSWERS as readonly string[]).includes(answer ?? '')) {
      throw invalidInput(
        `answers.${item}`,
        label(`Kies ja, deels, nee of onbekend`, `Choose yes, partly, no or unknown`),
      );
    }
  }
  const evidence = input.evidence ?? [];
  for (const [i, e] of evidence.entries()) {
    if (!items.includes(e.item)) {
      throw invalidInput(
        `evidence.${i}.item`,
        label(`Onbekend onderdeel "${e.item}"`, `Unknown item "${e.item}"`),
      );
    }
    let ok = false;
    try {
      ok = ['https:', 'http:'].includes(new URL(e.url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) {
      throw invalidInput(`evidence.${i}.url`, label('Geen geldige http(s)-link', 'Not a valid http(s) link'));
    }
  }
  const last = await tx.db
    .selectFrom('municipal_assessments')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('municipality', '=', code)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  const row = await tx.db
    .insertInto('municipal_assessments')
    .values({
      org_id: tx.actor.orgId,
      municipality: code,
      version,
      answers: JSON.stringify(input.answers),
      evidence: JSON.stringify(evidence),
      submitted_by: tx.actor.userId,
    })
    .returning(['id', 'municipality', 'version', 'answers', 'evidence', 'submitted_at'])
    .executeTakeFirstOrThrow();
  tx.record(decision, [row.id], ['answers', 'evidence'], `self-assessment ${code} v${version}`);
  return toAssessment(row);
}

export type PolicyStatus = 'clear_policy' | 'in_progress' | 'no_policy' | 'not_assessed';

export interface PolicyOverview {
  baseline: typeof BASELINE;
  municipalities: number;
  target: Label;
  /** Counts of municipalities per status (public bodies, not persons: the small-cell rule does not apply). */
  cells: Cell[];
  totals: Cell[];
  byMunicipality: {
    municipality: string;
    name: string;
    safetyRegion: string;
    status: PolicyStatus;
    version: number | null;
  }[];
  rule: SuppressionRule;
}

export function statusOf(answers: Record<string, string> | undefined): PolicyStatus {
  if (!answers) return 'not_assessed';
  if (
    answers.policy_adopted === 'yes' &&
    answers.contact_person === 'yes' &&
    answers.reporting_route === 'yes'
  ) {
    return 'clear_policy';
  }
  if (answers.policy_adopted === 'no' && answers.contact_person !== 'yes') return 'no_policy';
  return 'in_progress';
}

/** Progress toward "every municipality has clear policy": the latest version of each municipality. */
export async function policyOverview(tx: AccessTx): Promise<PolicyOverview> {
  const decision = await tx.authorize('aggregate', 'municipal_assessment');
  const rows = await tx.db
    .selectFrom('municipal_assessments')
    .select(['municipality', 'version', 'answers'])
    .where((eb) => decision.where(eb))
    .orderBy('version', 'desc')
    .execute();
  tx.record(decision, [], ['municipality', 'version', 'answers'], 'policy overview');
  const latest = new Map<string, { version: number; answers: Record<string, string> }>();
  for (const row of rows) {
    if (latest.has(row.municipality)) continue;
    const answers = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<
      string,
      string
    >;
    latest.set(row.municipality, { version: row.version, answers });
  }
  const byMunicipality = MUNICIPALITIES.map((m) => {
    const l = latest.get(m.cbsCode);
    return {
      municipality: m.cbsCode,
      name: m.name,
      safetyRegion: m.safetyRegion,
      status: statusOf(l?.answers),
      version: l?.version ?? null,
    };
  });
  const statuses: PolicyStatus[] = ['clear_policy', 'in_progress', 'no_policy', 'not_assessed'];
  const cells: Cell[] = statuses.map((status) => ({
    dimensions: { status },
    value: byMunicipality.filter((m) => m.status === status).length,
    suppressed: false,
  }));
  return {
    baseline: BASELINE,
    municipalities: MUNICIPALITIES.length,
    target: label('Elke gemeente heeft helder beleid', 'Every municipality has clear policy'),
    cells,
    totals: [{ dimensions: {}, value: MUNICIPALITIES.length, suppressed: false }],
    byMunicipality,
    rule: {
      threshold: 0,
      method: 'primary_below_threshold_then_complementary_smallest_nonzero_with_linear_audit',
      description: label(
        'Tellingen van gemeenten (bestuursorganen, geen personen): niet onderdrukt.',
        'Counts of municipalities (public bodies, not persons): not suppressed.',
      ),
    },
  };
}
