import {
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api } from '../api.ts';
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
      {data && data.length === 0 && <Paragraph>{t(titles.empty)}</Paragraph>}
      {data && data.length > 0 && (
        <div className="kp-table-wrap">
          <Table>
            <TableCaption>
              {t(titles.title)} ({data.length})
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('signals.col.received')}</TableHeaderCell>
                {assessing && <TableHeaderCell scope="col">{t('signals.col.priority')}</TableHeaderCell>}
                {assessing && <TableHeaderCell scope="col">{t('signals.col.score')}</TableHeaderCell>}
                <TableHeaderCell scope="col">{t('signals.col.forms')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.col.place')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.col.state')}</TableHeaderCell>
                {assessing && <TableHeaderCell scope="col">{t('signals.col.route')}</TableHeaderCell>}
                {assessing && <TableHeaderCell scope="col">{t('signals.col.sla')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((row) => (
                <TableRow key={row.id}>
                  <TableHeaderCell scope="row">
                    <RouterLink className="utrecht-link" href={signalPath(row.id, viewer)}>
                      {dateTime(row.received_at)}
                    </RouterLink>
                    {row.involves_minor && (
                      <>
                        {' '}
                        <span className="kp-badge-bad">{t('signals.minor')}</span>
                      </>
                    )}
                  </TableHeaderCell>
                  {assessing && <TableCell>{labels.priority(row.priority)}</TableCell>}
                  {assessing && <TableCell>{row.score ?? '–'}</TableCell>}
                  <TableCell>{row.forms.map(labels.form).join(', ')}</TableCell>
                  <TableCell>
                    {row.location?.municipality
                      ? labels.municipality(row.location.municipality)
                      : (row.location?.city ?? row.location?.country ?? '–')}
                  </TableCell>
                  <TableCell>{labels.state(row.state)}</TableCell>
                  {assessing && (
                    <TableCell>
                      {row.route
                        ? labels.route(row.route)
                        : `${t('signals.recommended')}: ${labels.route(row.recommended_route)}`}
                    </TableCell>
                  )}
                  {assessing && (
                    <TableCell>
                      <SlaBadge sla={row.sla} />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
