import { Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { findMunicipality } from '../../../src/domain/municipalities.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { Choice } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { AreaMap, PolicyMap } from './AreaMap.tsx';
import {
  actionLines,
  type Cell,
  downloadCsv,
  type Indicator,
  indicators,
  indicatorTable,
  policyStatus,
} from './api.ts';
import { TrendChart } from './Chart.tsx';
import { Downloads, ProgrammeRegister } from './Register.tsx';

const YEARS = [2024, 2025, 2026, 2027];

/** The programme manager's dashboard: indicators per action line, region drill-down, policy status. */
export function MonitorPage() {
  const { t, language } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const lines = useLoad(actionLines, 'lines');
  const list = useLoad(indicators, 'indicators');
  return (
    <>
      <PageHeading title={t('monitor.title')}>{t('monitor.title')}</PageHeading>
      <Paragraph>{t('monitor.lead', { threshold: 10 })}</Paragraph>
      <Paragraph>{t('monitor.suppressedNote')}</Paragraph>
      <Choice
        id="monitor-year"
        label={t('monitor.year')}
        value={String(year)}
        onValue={(value) => setYear(Number(value))}
        options={YEARS.map((y) => ({ value: String(y), label: String(y) }))}
      />
      {(lines.error || list.error) && <Problem error={lines.error ?? list.error} />}
      {lines.data?.actionLines.map((line) => {
        const own = (list.data ?? []).filter((i) => i.actionLine === line.line);
        return (
          <section key={line.line} aria-labelledby={`line-${line.line}`}>
            <Heading2 id={`line-${line.line}`}>
              {t('monitor.actionLine', { n: line.line, name: line.name[language] })}
            </Heading2>
            {own.map((indicator) => (
              <IndicatorCard key={`${indicator.id}-${year}`} indicator={indicator} year={year} />
            ))}
          </section>
        );
      })}
      <RegionTable year={year} />
      <AreaMap year={year} />
      <ProgrammeRegister />
      <Downloads year={year} />
      <PolicySummary />
    </>
  );
}

function valueText(cell: Cell | undefined, t: (key: MessageKey) => string, number: (v: number) => string) {
  if (!cell) return '–';
  return cell.suppressed ? t('monitor.suppressed') : number(cell.value as number);
}

function IndicatorCard({ indicator, year }: { indicator: Indicator; year: number }) {
  const { t, language, number } = useI18n();
  const { data, error } = useLoad(() => indicatorTable(indicator.id, year), `${indicator.id}-${year}`);
  const name = indicator.name[language];
  return (
    <article className="kp-monitor-indicator" aria-labelledby={`ind-${indicator.id}`}>
      <Heading3 id={`ind-${indicator.id}`}>{name}</Heading3>
      <Paragraph>
        {t('monitor.source', { source: indicator.sourceLabel[language] })}
        {indicator.target !== null ? ` · ${t('monitor.target', { target: number(indicator.target) })}` : ''}
      </Paragraph>
      {error ? <Problem error={error} /> : null}
      {data && !data.available && <Paragraph>{data.note?.[language] ?? t('monitor.notAvailable')}</Paragraph>}
      {data?.available && data.interval && (
        <Paragraph>
          <strong>{valueText(data.cells[0], t, number)}</strong>{' '}
          {t('monitor.interval', {
            lower: data.interval.lower === null ? '?' : number(Math.round(data.interval.lower)),
            upper: data.interval.upper === null ? '?' : number(Math.round(data.interval.upper)),
          })}
        </Paragraph>
      )}
      {data?.available && !data.interval && (
        <>
          <figure className="kp-monitor-figure">
            <TrendChart
              label={indicator.unit}
              target={indicator.target}
              points={data.cells
                .map((c) => ({
                  month: c.dimensions.month as string,
                  value: c.value,
                  suppressed: c.suppressed,
                }))
                .sort((a, b) => a.month.localeCompare(b.month))}
            />
            <figcaption>{t('monitor.chartLabel', { name })}</figcaption>
          </figure>
          <DataTable
            caption={t('monitor.trendTable', { name, year })}
            rows={[
              ...[...data.cells].sort((a, b) =>
                String(a.dimensions.month).localeCompare(String(b.dimensions.month)),
              ),
              ...data.totals.filter((c) => Object.keys(c.dimensions).length === 0),
            ]}
            rowKey={(c) => c.dimensions.month ?? 'total'}
            columns={[
              {
                header: t('monitor.month'),
                cell: (c) => c.dimensions.month ?? t('monitor.total'),
                rowHeader: true,
              },
              {
                header: t('monitor.value'),
                cell: (c) => (
                  <span className={c.suppressed ? 'kp-monitor-suppressed' : undefined}>
                    {valueText(c, t, number)}
                  </span>
                ),
              },
            ]}
          />
          <Button appearance="secondary-action-button" onClick={() => void downloadCsv(indicator.id, year)}>
            {t('monitor.downloadCsv')}
          </Button>
        </>
      )}
    </article>
  );
}

function RegionTable({ year }: { year: number }) {
  const { t, number } = useI18n();
  const [region, setRegion] = useState<string | null>(null);
  const regions = useLoad(() => indicatorTable('signals_received', year, 'region'), `region-${year}`);
  const municipalities = useLoad(
    () => (region ? indicatorTable('signals_received', year, 'municipality') : Promise.resolve(null)),
    `muni-${year}-${region ?? ''}`,
  );
  const regionRows = (regions.data?.totals ?? []).filter(
    (c) => Object.keys(c.dimensions).length === 1 && 'region' in c.dimensions,
  );
  const municipalityRows = (municipalities.data?.cells ?? []).filter((c) => c.dimensions.region === region);
  return (
    <section aria-labelledby="monitor-regions">
      <Heading2 id="monitor-regions">{t('monitor.byRegion', { year })}</Heading2>
      {regions.error ? <Problem error={regions.error} /> : null}
      {region === null ? (
        <DataTable
          caption={t('monitor.byRegion', { year })}
          captionHidden
          rows={regionRows.sort((a, b) =>
            String(a.dimensions.region).localeCompare(String(b.dimensions.region)),
          )}
          rowKey={(c) => c.dimensions.region as string}
          columns={[
            {
              header: t('monitor.region'),
              rowHeader: true,
              cell: (c) => (
                <Button appearance="subtle-button" onClick={() => setRegion(c.dimensions.region as string)}>
                  {c.dimensions.region}
                </Button>
              ),
            },
            {
              header: t('monitor.value'),
              cell: (c) => (
                <span className={c.suppressed ? 'kp-monitor-suppressed' : undefined}>
                  {valueText(c, t, number)}
                </span>
              ),
            },
          ]}
        />
      ) : (
        <>
          <Button appearance="secondary-action-button" onClick={() => setRegion(null)}>
            {t('monitor.back')}
          </Button>
          <DataTable
            caption={t('monitor.drillDown', { region })}
            rows={municipalityRows}
            rowKey={(c) => c.dimensions.municipality as string}
            columns={[
              {
                header: t('monitor.municipality'),
                rowHeader: true,
                cell: (c) => (
                  <RouterLink href={`/gemeente/${c.dimensions.municipality}`}>
                    {findMunicipality(c.dimensions.municipality as string)?.name ?? c.dimensions.municipality}
                  </RouterLink>
                ),
              },
              {
                header: t('monitor.value'),
                cell: (c) => (
                  <span className={c.suppressed ? 'kp-monitor-suppressed' : undefined}>
                    {valueText(c, t, number)}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

export function PolicySummary() {
  const { t, number } = useI18n();
  const { data, error } = useLoad(policyStatus, 'policy');
  return (
    <section aria-labelledby="monitor-policy">
      <Heading2 id="monitor-policy">{t('monitor.policyTitle')}</Heading2>
      {error ? <Problem error={error} /> : null}
      {data && (
        <>
          <Paragraph>{t('monitor.policyLead', data.baseline)}</Paragraph>
          <PolicyMap byMunicipality={data.byMunicipality} />
          <DataTable
            caption={t('monitor.policyTitle')}
            captionHidden
            rows={data.cells}
            rowKey={(c) => c.dimensions.status as string}
            columns={[
              {
                header: t('monitor.status'),
                rowHeader: true,
                cell: (c) => t(`monitor.status.${c.dimensions.status}` as MessageKey),
              },
              { header: t('monitor.count'), cell: (c) => valueText(c, t, number) },
            ]}
          />
        </>
      )}
    </section>
  );
}
