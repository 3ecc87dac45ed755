import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { Choice, fieldId, Text } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { type CaseRow, casePath, casePurposes } from './api.ts';
import { NewCase, useCaseLabel } from './shared.tsx';

const PAGE = 20;

/** The case list: filters, search and paging, under one of the user's case purposes; and a new case. */
export function CaseListPage() {
  const { t } = useI18n();
  const label = useCaseLabel();
  const session = useAuthenticated();
  const purposes = casePurposes(session);
  const [purpose, setPurpose] = useState(purposes[0] ?? '');
  const [draft, setDraft] = useState({ q: '', state: '', approach: '', scope: 'all' });
  const [filters, setFilters] = useState(draft);
  const [offset, setOffset] = useState(0);
  const query = {
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
    limit: String(PAGE),
    offset: String(offset),
  };
  const { data, error } = useLoad(
    () => api<{ total: number; items: CaseRow[] }>('GET', '/cases', { purpose, query }),
    `${purpose}:${JSON.stringify(query)}`,
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  };
  const any = t('cases.filter.any');
  return (
    <>
      <PageHeading title={t('cases.list.title')}>{t('cases.list.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('cases.list.lead')}</Paragraph>
      <form className="kp-panel" onSubmit={apply} aria-labelledby="case-filter">
        <Heading2 id="case-filter">{t('cases.filter.title')}</Heading2>
        {purposes.length > 1 && (
          <Choice
            id={fieldId('case-purpose')}
            label={t('cases.purpose')}
            value={purpose}
            onValue={setPurpose}
            options={purposes.map((p) => ({ value: p, label: t(`purpose.${p}` as MessageKey) }))}
          />
        )}
        <Text
          id={fieldId('case-q')}
          label={t('cases.filter.q')}
          value={draft.q}
          onValue={(q) => setDraft({ ...draft, q })}
        />
        <Choice
          id={fieldId('case-state')}
          label={t('cases.filter.state')}
          value={draft.state}
          empty={any}
          onValue={(state) => setDraft({ ...draft, state })}
          options={['open', 'on_hold', 'closed'].map((v) => ({ value: v, label: label('state', v) }))}
        />
        <Choice
          id={fieldId('case-approach')}
          label={t('cases.filter.approach')}
          value={draft.approach}
          empty={any}
          onValue={(approach) => setDraft({ ...draft, approach })}
          options={['criminal', 'administrative', 'care'].map((v) => ({
            value: v,
            label: label('approach', v),
          }))}
        />
        <Choice
          id={fieldId('case-scope')}
          label={t('cases.filter.scope')}
          value={draft.scope}
          onValue={(scope) => setDraft({ ...draft, scope })}
          options={[
            { value: 'all', label: any },
            { value: 'led', label: t('cases.scope.led') },
            { value: 'shared', label: t('cases.scope.shared') },
          ]}
        />
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {t('cases.filter.apply')}
          </Button>
        </ButtonGroup>
      </form>
      <Problem error={error} />
      {data && (
        <>
          <DataTable
            caption={`${t('cases.list.title')} (${data.total})`}
            empty={t('cases.list.empty')}
            rows={data.items}
            rowKey={(row) => row.id}
            columns={[
              {
                header: t('cases.col.reference'),
                rowHeader: true,
                cell: (row) => (
                  <RouterLink className="utrecht-link" href={casePath(row.id, purpose)}>
                    {row.reference}
                  </RouterLink>
                ),
              },
              { header: t('cases.col.title'), cell: (row) => row.title },
              { header: t('cases.col.lead'), cell: (row) => row.lead_org_name },
              {
                header: t('cases.col.approach'),
                cell: (row) => row.approaches.map((a) => label('approach', a)).join(', '),
              },
              { header: t('cases.col.state'), cell: (row) => label('state', row.state) },
              { header: t('cases.col.profile'), cell: (row) => label('profile', row.access_profile) },
              { header: t('cases.col.tasks'), cell: (row) => row.open_tasks ?? '–' },
            ]}
          />
          <nav aria-label={t('cases.list.title')} className="kp-paging">
            <Paragraph role="status">
              {t('cases.paging.status', {
                from: data.total === 0 ? 0 : offset + 1,
                to: Math.min(offset + PAGE, data.total),
                total: data.total,
              })}
            </Paragraph>
            <ButtonGroup>
              <Button
                appearance="secondary-action-button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('cases.paging.previous')}
              </Button>
              <Button
                appearance="secondary-action-button"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('cases.paging.next')}
              </Button>
            </ButtonGroup>
          </nav>
        </>
      )}
      <NewCase purpose={purpose} />
    </>
  );
}
