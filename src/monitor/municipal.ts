import type { AccessTx } from '../access/context.ts';
import { AccessDenied } from '../access/policy.ts';
import type { Label } from '../domain/label.ts';
import { findMunicipality } from '../domain/municipalities.ts';
import { label, notFound } from '../domain/problem.ts';
import type { Cell } from '../domain/suppress.ts';
import { type PolicyStatus, policyOverview } from './assessment.ts';
import { PROVINCE_OF } from './geo-areas.ts';
import { BUILT_IN } from './indicators.ts';
import { aggregateScope, areaTable, type IndicatorTable, indicatorTable } from './service.ts';

/**
 * A page per municipality (issue 17, item 5): its own figures, suppressed, and its region's size estimate.
 * A national reader gets the municipality's cells from the national family (the year total and its
 * region's); the municipality itself gets its own detail (per month) from its own family. Both through the
 * one suppression module; a municipal coordinator asking for another municipality gets 403 with the reason.
 */
export interface MunicipalityPage {
  municipality: string;
  name: string;
  safetyRegion: string;
  province: string | null;
  year: number;
  scope: string;
  /** The year total of signals in the municipality and in its safety region (one shape). */
  cells: Cell[];
  /** The municipality's own trend per month (its own coordinator only), else null. */
  trend: IndicatorTable | null;
  policy: { status: PolicyStatus; version: number | null };
  estimate: { value: number | null; lower: number | null; upper: number | null; note: Label } | null;
  pending: Label[];
  rule: IndicatorTable['rule'];
}

export async function municipalityPage(tx: AccessTx, code: string, year: number): Promise<MunicipalityPage> {
  const municipality = findMunicipality(code);
  if (!municipality) throw notFound(label(`Geen gemeente ${code}`, `No municipality ${code}`));
  const scope = await aggregateScope(tx, 'aggregate');
  if (scope.municipality && scope.municipality !== code) {
    throw new AccessDenied(
      'not_permitted',
      `U ziet alleen de cijfers van uw eigen gemeente (${scope.municipality}), niet van ${code} / you see only your own municipality's figures (${scope.municipality}), not ${code}`,
      'monitor_aggregate',
      'aggregate',
    );
  }
  const cells: Cell[] = [];
  let trend: IndicatorTable | null = null;
  let rule: IndicatorTable['rule'];
  if (scope.municipality) {
    trend = await indicatorTable(tx, 'signals_received', { year });
    rule = trend.rule;
    const total = trend.totals.find((c) => Object.keys(c.dimensions).length === 0);
    if (total) cells.push({ ...total, dimensions: { municipality: code } });
  } else {
    const byMunicipality = await areaTable(tx, 'signals_received', { year, level: 'municipality' });
    const byRegion = await areaTable(tx, 'signals_received', { year, level: 'safety_region' });
    rule = byMunicipality.rule;
    const own = byMunicipality.cells.find((c) => c.dimensions.municipality === code);
    cells.push(
      own ?? {
        dimensions: { region: municipality.safetyRegion, municipality: code },
        value: 0,
        suppressed: false,
      },
    );
    const region = byRegion.cells.find((c) => c.dimensions.region === municipality.safetyRegion);
    if (region) cells.push(region);
  }
  const estimate = await indicatorTable(tx, 'size_estimate', { year });
  const policy = (await policyOverview(tx)).byMunicipality.find((m) => m.municipality === code);
  return {
    municipality: code,
    name: municipality.name,
    safetyRegion: municipality.safetyRegion,
    province: PROVINCE_OF[code] ?? null,
    year,
    scope: scope.municipality ?? 'national',
    cells,
    trend,
    policy: { status: policy?.status ?? 'not_assessed', version: policy?.version ?? null },
    estimate: estimate.available
      ? {
          value: estimate.cells[0]?.value ?? null,
          lower: estimate.interval?.lower ?? null,
          upper: estimate.interval?.upper ?? null,
          note: label(
            'Landelijke schatting: een schatting per regio is er nog niet (de schattingsmodule rekent landelijk).',
            'National estimate: there is no estimate per region yet (the estimate capability works nationally).',
          ),
        }
      : null,
    pending: BUILT_IN.filter((i) => i.definition.kind === 'pending').map((i) => i.name),
    rule,
  };
}
