import { Paragraph } from '@utrecht/component-library-react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';
import { purposeOf, type QueueRow, signalPath, type Viewer } from './api.ts';
import { SlaBadge, useSignalLabels } from './labels.tsx';

const TITLES: Record<Viewer, { title: MessageKey; lead: MessageKey; empty: MessageKey }> = {
  triage: { title: 'signals.queue.triage', lead: 'signals.queue.triageLead', empty: 'signals.queue.empty' },
  team: { title: 'signals.queue.team', lead: 'signals.queue.teamLead', empty: 'signals.queue.teamEmpty' },
  mine: { title: 'signals.queue.mine', lead: 'signals.queue.mineLead', empty: 'signals.queue.mineEmpty' },
};

/**
 * A work list: the triage queue, the receiving team's queue (both by priority, then age, with the SLA
 * clock), or "Mijn meldingen" (status only: a reporter does not see what the receiving team records).
 */
export function QueuePage({ viewer }: { viewer: Viewer }) {
  const { t, dateTime } = useI18n();
  const session = useAuthenticated();
  const labels = useSignalLabels();
  const purpose = purposeOf(viewer, session);
  const { data, error } = useLoad(
    () => api<QueueRow[]>('GET', '/signals', { purpose, query: { queue: viewer } }),
    `${viewer}:${purpose}`,
  );
  const titles = TITLES[viewer];
  const assessing = viewer !== 'mine';
  return (
    <>
      <PageHeading title={t(titles.title)}>{t(titles.title)}</PageHeading>
      <Paragraph className="kp-lead">{t(titles.lead)}</Paragraph>
      <Problem error={error} />
      {data && (
        <DataTable
          caption={`${t(titles.title)} (${data.length})`}
          empty={t(titles.empty)}
          rows={data}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t('signals.col.received'),
              cell: (row) => (
                <>
                  <RouterLink className="utrecht-link" href={signalPath(row.id, viewer)}>
                    {dateTime(row.receivedAt)}
                  </RouterLink>
                  {row.involvesMinor && (
                    <>
                      {' '}
                      <span className="kp-badge-bad">{t('signals.minor')}</span>
                    </>
                  )}
                </>
              ),
              rowHeader: true,
            },
            // A reporter sees the status only, not how the receiving team weighs the signal.
            ...(assessing
              ? [
                  {
                    header: t('signals.col.priority'),
                    cell: (row: QueueRow) => labels.priority(row.priority),
                  },
                  { header: t('signals.col.score'), cell: (row: QueueRow) => row.score ?? '–' },
                ]
              : []),
            { header: t('signals.col.forms'), cell: (row) => row.forms.map(labels.form).join(', ') },
            {
              header: t('signals.col.place'),
              cell: (row) =>
                row.location?.municipality
                  ? labels.municipality(row.location.municipality)
                  : (row.location?.city ?? row.location?.country ?? '–'),
            },
            { header: t('signals.col.state'), cell: (row) => labels.state(row.state) },
            ...(assessing
              ? [
                  {
                    header: t('signals.col.route'),
                    cell: (row: QueueRow) =>
                      row.route
                        ? labels.route(row.route)
                        : `${t('signals.recommended')}: ${labels.route(row.recommendedRoute)}`,
                  },
                  { header: t('signals.col.sla'), cell: (row: QueueRow) => <SlaBadge sla={row.sla} /> },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
