import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Answer } from '../api.ts';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { useCode } from './labels.ts';

type Report = Answer<'/api/v1/care/missing-minors', 'get'>[number];
const purpose = 'criminal_investigation';

/**
 * The police unit's missing minors (issue 16, item 6): the reports of the youth care institutions of its own
 * region, at once and with what it needs for safety; it acknowledges receipt and records the minor found and
 * returned, on the timeline it shares with the institution. Other regions see none of these (row level).
 */
export function PoliceMissingPage() {
  const { t } = useI18n();
  const v = useCode();
  const reports = useLoad(() => api<Report[]>('GET', '/care/missing-minors', { purpose }), 'police-missing');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  async function step(id: string, kind: 'acknowledged' | 'returned', message: string) {
    try {
      await api('POST', `/care/missing-minors/${id}/events`, { purpose, body: { kind } });
      setError(null);
      setDone(message);
      await reports.reload();
    } catch (failure) {
      setError(failure);
      setDone('');
    }
  }
  return (
    <>
      <PageHeading title={t('module.police_missing.title')}>{t('module.police_missing.title')}</PageHeading>
      <Paragraph>{t('care.pm.intro')}</Paragraph>
      <Problem error={reports.error ?? error} />
      {done ? <Success>{done}</Success> : null}
      {reports.data ? (
        <DataTable
          caption={t('care.pm.caption')}
          rows={reports.data}
          rowKey={(row) => row.id}
          empty={t('care.mm.none')}
          columns={[
            {
              header: t('care.mm.minor'),
              rowHeader: true,
              cell: (row) => `${row.givenNames ?? ''} ${row.surname ?? ''} (${row.dateOfBirth ?? '–'})`,
            },
            {
              header: t('care.pm.since'),
              cell: (row) => (row.missingSince ? new Date(row.missingSince).toLocaleString('nl-NL') : ''),
            },
            {
              header: t('care.mm.risk'),
              cell: (row) =>
                `${v(row.risk)} (${row.earlierAbsences ?? 0})${
                  row.riskFactors?.length ? `: ${row.riskFactors.map((f) => v(f)).join(', ')}` : ''
                }`,
            },
            { header: t('care.pm.description'), cell: (row) => row.description ?? '' },
            { header: t('care.pm.institution'), cell: (row) => row.institution ?? '' },
            {
              header: t('care.state'),
              cell: (row) => <span data-missing-state={row.state}>{v(row.state)}</span>,
            },
            {
              header: t('care.mm.timeline'),
              cell: (row) =>
                (row.timeline ?? []).map((event) => `${v(event.kind)} – ${event.author}`).join('; '),
            },
            {
              header: <span className="kp-visually-hidden">{t('care.pm.actions')}</span>,
              cell: (row) => (
                <>
                  {row.state === 'missing' && !(row.timeline ?? []).some((e) => e.kind === 'acknowledged') ? (
                    <Button onClick={() => step(row.id, 'acknowledged', t('care.pm.acknowledgedDone'))}>
                      {t('care.pm.acknowledge')} <span className="kp-visually-hidden">{row.surname}</span>
                    </Button>
                  ) : null}
                  {row.state === 'missing' ? (
                    <Button onClick={() => step(row.id, 'returned', t('care.pm.returnedDone'))}>
                      {t('care.pm.returned')} <span className="kp-visually-hidden">{row.surname}</span>
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
