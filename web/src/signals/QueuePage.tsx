import { Checkbox, FormField, FormLabel, Paragraph } from '@utrecht/component-library-react';
import type { ChangeEvent } from 'react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ListControls } from '../components/ListControls.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Pager } from '../components/Pager.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { useListState } from '../useListState.ts';
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
  const assessing = viewer !== 'mine';
  // Server-side search, sort and pages, with the state in the address (issue 19, item 10).
  const { state, change } = useListState({
    q: '',
    sort: assessing ? 'priority' : 'received',
    dir: assessing ? 'asc' : 'desc',
    page: '1',
    pageSize: '25',
    assigned: '',
    state: '',
  });
  const { data, error } = useLoad(
    () =>
      api<{ items: QueueRow[]; total: number; page: number; pageSize: number }>('GET', '/signals/list', {
        purpose,
        query: { queue: viewer, ...state },
      }),
    `${viewer}:${purpose}:${JSON.stringify(state)}`,
  );
  const titles = TITLES[viewer];
  const sorts = (
    assessing ? ['priority', 'received', 'score', 'state', 'changed'] : ['received', 'state', 'changed']
  ).map((value) => ({ value, label: t(`list.sort.${value}` as MessageKey) }));
  return (
    <>
      <PageHeading title={t(titles.title)}>{t(titles.title)}</PageHeading>
      <Paragraph className="kp-lead">{t(titles.lead)}</Paragraph>
      <ListControls state={state} change={change} sorts={sorts} searchHint={t('list.searchHint')}>
        {viewer === 'team' && (
          <FormField type="checkbox">
            <Paragraph>
              <FormLabel htmlFor="kp-assigned-me" type="checkbox">
                <Checkbox
                  id="kp-assigned-me"
                  checked={state.assigned === 'me'}
                  onChange={(event: ChangeEvent<HTMLInputElement>) =>
                    change({ assigned: event.currentTarget.checked ? 'me' : '' })
                  }
                />{' '}
                {t('list.assignedToMe')}
              </FormLabel>
            </Paragraph>
          </FormField>
        )}
      </ListControls>
      <Problem error={error} />
      {data && (
        <DataTable
          caption={`${t(titles.title)} (${data.total})`}
          empty={t(titles.empty)}
          rows={data.items}
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
      {data && data.total > 0 && (
        <Pager
          label={t('list.pages')}
          total={data.total}
          page={data.page}
          pageSize={data.pageSize}
          onPage={(page) => change({ page: String(page) })}
        />
      )}
    </>
  );
}
