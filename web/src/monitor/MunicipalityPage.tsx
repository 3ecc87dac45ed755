import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { type Cell, municipalityFigures } from './api.ts';

/** A municipality's own page (issue 17 item 5): its suppressed figures, policy status, the size estimate. */
export function MunicipalityPage({ code }: { code: string }) {
  const { t, language, number } = useI18n();
  const year = new Date().getFullYear();
  const { data, error } = useLoad(() => municipalityFigures(code, year), `gemeente-${code}-${year}`);
  const shown = (c: Cell) => (
    <span className={c.suppressed ? 'kp-monitor-suppressed' : undefined}>
      {c.suppressed ? t('monitor.suppressed') : number(c.value as number)}
    </span>
  );
  const title = data ? t('monitor.municipality.title', { name: data.name }) : t('monitor.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {error ? <Problem error={error} /> : null}
      {data && (
        <>
          <Paragraph>
            {t('monitor.municipality.policy', {
              status: t(`monitor.status.${data.policy.status}` as MessageKey),
            })}
          </Paragraph>
          <DataTable
            caption={t('monitor.municipality.signals', { year })}
            rows={data.cells}
            rowKey={(c) => Object.values(c.dimensions).join('|')}
            columns={[
              {
                header: t('monitor.map.area'),
                rowHeader: true,
                cell: (c) =>
                  c.dimensions.municipality
                    ? data.name
                    : t('monitor.municipality.region', { region: c.dimensions.region ?? '' }),
              },
              { header: t('monitor.value'), cell: shown },
            ]}
          />
          {data.trend && (
            <DataTable
              caption={t('monitor.trendTable', { name: data.name, year })}
              rows={[...data.trend.cells].sort((a, b) =>
                String(a.dimensions.month).localeCompare(String(b.dimensions.month)),
              )}
              rowKey={(c) => c.dimensions.month ?? ''}
              columns={[
                { header: t('monitor.month'), rowHeader: true, cell: (c) => c.dimensions.month },
                { header: t('monitor.value'), cell: shown },
              ]}
            />
          )}
          <Heading2>{t('monitor.municipality.estimate')}</Heading2>
          <Paragraph>
            {data.estimate
              ? `${data.estimate.value === null ? '–' : number(data.estimate.value)} (${data.estimate.note[language]})`
              : t('monitor.notAvailable')}
          </Paragraph>
          {data.pending.map((p) => (
            <Paragraph key={p.nl}>{t('monitor.municipality.pending', { name: p[language] })}</Paragraph>
          ))}
        </>
      )}
    </>
  );
}
