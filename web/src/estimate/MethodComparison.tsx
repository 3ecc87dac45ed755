import { Heading3, Paragraph } from '@utrecht/component-library-react';
import { estimateChartSvg } from '../../../src/estimate/app/chart.ts';
import type { EstimateResult } from '../../../src/estimate/index.ts';
import { DataTable } from '../components/DataTable.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useNumber } from './EstimateResult.tsx';

/**
 * The Bayesian parts of a result: for `all` the three methods side by side (a chart of the intervals with the
 * same numbers in a table beside it, and the reading of the differences); the top graphs of dga; the chains of lcm.
 */
export function MethodComparison({ result, id }: { result: EstimateResult; id: string }) {
  const { t, language } = useI18n();
  const n = useNumber();
  const dga = result.settings.method === 'dga' ? result : result.alternatives?.dga;
  const lcm = result.settings.method === 'lcm' ? result : result.alternatives?.lcm;
  const rows = result.comparison?.rows ?? [];
  const label = (method: string) => t(`estimate.family.${method}` as MessageKey);
  const svg =
    rows.length > 0
      ? estimateChartSvg(
          rows.map((r) => ({ label: r.method, total: r.total, lower: r.lower, upper: r.upper })),
          { title: t('estimate.comparisonChart'), lang: language, idPrefix: `methods-${id}` },
        )
      : '';
  return (
    <>
      {rows.length > 0 && (
        <section aria-labelledby={`comparison-${id}`}>
          <Heading3 id={`comparison-${id}`}>{t('estimate.comparison')}</Heading3>
          <div className="kp-chart-with-table">
            <figure className="kp-chart">
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: generated SVG with escaped text */}
              <div dangerouslySetInnerHTML={{ __html: svg }} />
            </figure>
            <DataTable
              caption={t('estimate.comparisonChart')}
              rows={rows}
              rowKey={(r) => r.method}
              columns={[
                { header: t('estimate.methodColumn'), cell: (r) => label(r.method), rowHeader: true },
                { header: t('estimate.total'), cell: (r) => n.whole(r.total) },
                { header: t('estimate.lower'), cell: (r) => n.whole(r.lower) },
                { header: t('estimate.upper'), cell: (r) => n.whole(r.upper) },
              ]}
            />
          </div>
          <Heading3>{t('estimate.reading')}</Heading3>
          {result.comparison?.reading.map((text) => (
            <Paragraph key={text}>{text}</Paragraph>
          ))}
        </section>
      )}
      {dga?.model.graphs && dga.model.graphs.length > 0 && (
        <DataTable
          caption={t('estimate.graphs')}
          rows={dga.model.graphs.slice(0, 5)}
          rowKey={(g) => g.cliques}
          columns={[
            { header: t('estimate.graph'), cell: (g) => g.cliques, rowHeader: true },
            { header: t('estimate.weight'), cell: (g) => `${n.precise(g.weight * 100)} %` },
            { header: t('estimate.total'), cell: (g) => n.whole(g.mean) },
          ]}
        />
      )}
      {lcm?.model.diagnostics && (
        <DataTable
          caption={`${t('estimate.diagnostics')} — ${t('estimate.rhat', { value: n.precise(lcm.model.diagnostics.rhat) })}`}
          rows={lcm.model.diagnostics.perChain.map((c, i) => ({ ...c, chain: i + 1 }))}
          rowKey={(c) => c.chain}
          columns={[
            { header: t('estimate.chain'), cell: (c) => c.chain, rowHeader: true },
            { header: t('estimate.total'), cell: (c) => n.whole(c.median) },
            { header: t('estimate.ess'), cell: (c) => n.whole(c.ess) },
            { header: t('estimate.occupied'), cell: (c) => n.precise(c.occupiedClasses) },
          ]}
        />
      )}
    </>
  );
}
