import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { DataTable } from '../components/DataTable.tsx';
import { Problem } from '../components/Problem.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { downloadFile, programme } from './api.ts';

/** The programme register (measures per action line with owners, status and activities), read-only here. */
export function ProgrammeRegister() {
  const { t } = useI18n();
  const { data, error } = useLoad(programme, 'programme');
  return (
    <section aria-labelledby="monitor-register">
      <Heading2 id="monitor-register">{t('monitor.register')}</Heading2>
      {error ? <Problem error={error} /> : null}
      {data && (
        <DataTable
          caption={t('monitor.register')}
          captionHidden
          rows={data.measures}
          rowKey={(m) => m.id}
          empty={t('monitor.register.empty')}
          columns={[
            {
              header: t('monitor.register.measure'),
              rowHeader: true,
              cell: (m) => `${m.actionLine}. ${m.title}`,
            },
            { header: t('monitor.register.owners'), cell: (m) => m.owners.join(', ') },
            { header: t('monitor.register.status'), cell: (m) => m.status },
            {
              header: t('monitor.register.activities'),
              cell: (m) =>
                m.activities
                  .map((a) => `${a.title}: ${a.delivered} / ${a.planned} ${a.outputUnit}`)
                  .join('; '),
            },
          ]}
        />
      )}
    </section>
  );
}

/** The progress report (PDF, HTML) and the open data (CSV, JSON, XLSX): every download an audited export. */
export function Downloads({ year }: { year: number }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="monitor-downloads">
      <Heading2 id="monitor-downloads">{t('monitor.downloads')}</Heading2>
      <Paragraph>
        <Button
          appearance="secondary-action-button"
          onClick={() => void downloadFile(`report.pdf?year=${year}`, `voortgangsrapportage-${year}.pdf`)}
        >
          {t('monitor.reportPdf')}
        </Button>{' '}
        <Button
          appearance="secondary-action-button"
          onClick={() => void downloadFile(`open-data.csv?year=${year}`, `ketenplein-monitor-${year}.csv`)}
        >
          {t('monitor.openDataCsv')}
        </Button>{' '}
        <Button
          appearance="secondary-action-button"
          onClick={() => void downloadFile(`open-data.json?year=${year}`, `ketenplein-monitor-${year}.json`)}
        >
          {t('monitor.openDataJson')}
        </Button>{' '}
        <Button
          appearance="secondary-action-button"
          onClick={() => void downloadFile(`open-data.xlsx?year=${year}`, `ketenplein-monitor-${year}.xlsx`)}
        >
          {t('monitor.openDataXlsx')}
        </Button>
      </Paragraph>
      <Paragraph>
        <Button
          appearance="subtle-button"
          onClick={() => void downloadFile(`report.html?year=${year}`, `voortgangsrapportage-${year}.html`)}
        >
          {t('monitor.reportHtml')}
        </Button>
      </Paragraph>
    </section>
  );
}
