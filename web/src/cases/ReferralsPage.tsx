import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { Choice, fieldId, Text } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { type CaseReferral, type CaseTask, casePath, casePurposes } from './api.ts';
import { useCaseLabel, useDay } from './shared.tsx';

type Overview = {
  counts: { pending: number; accepted: number; overdue: number; lapsing: number };
  items: CaseReferral[];
};

/** The referral in/out overview of one's organisation, with accept and decline for incoming ones. */
export function ReferralsPage() {
  const { t } = useI18n();
  const session = useAuthenticated();
  const purposes = casePurposes(session);
  const purpose = purposes[0] ?? '';
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const incoming = useLoad(
    () => api<Overview>('GET', '/case-referrals', { purpose, query: { direction: 'in' } }),
    `in:${purpose}`,
  );
  const outgoing = useLoad(
    () => api<Overview>('GET', '/case-referrals', { purpose, query: { direction: 'out' } }),
    `out:${purpose}`,
  );
  const act = async (id: string, body: Record<string, unknown>) => {
    setDone(false);
    setFailure(null);
    try {
      await api('POST', `/case-referrals/${id}/transitions`, { purpose, body });
      setDone(true);
      await Promise.all([incoming.reload(), outgoing.reload()]);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <PageHeading title={t('cases.referrals.title')}>{t('cases.referrals.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('cases.referrals.lead')}</Paragraph>
      <div aria-live="polite">{done && <Success>{t('cases.referrals.done')}</Success>}</div>
      <Problem error={failure ?? incoming.error ?? outgoing.error} />
      <section aria-labelledby="ref-in">
        <Heading2 id="ref-in">{t('cases.referrals.in')}</Heading2>
        {incoming.data && <ReferralTable data={incoming.data} direction="in" act={act} />}
      </section>
      <section aria-labelledby="ref-out">
        <Heading2 id="ref-out">{t('cases.referrals.out')}</Heading2>
        {outgoing.data && <ReferralTable data={outgoing.data} direction="out" act={act} />}
      </section>
    </>
  );
}

function ReferralTable(props: {
  data: Overview;
  direction: 'in' | 'out';
  act(id: string, body: Record<string, unknown>): Promise<void>;
}) {
  const { t } = useI18n();
  const label = useCaseLabel();
  const date = useDay();
  const { counts, items } = props.data;
  return (
    <>
      <Paragraph>{t('cases.referrals.counts', counts)}</Paragraph>
      <DataTable
        caption={t(props.direction === 'in' ? 'cases.referrals.in' : 'cases.referrals.out')}
        captionHidden
        empty={t('cases.referrals.empty')}
        rows={items}
        rowKey={(r) => r.id}
        columns={[
          { header: t('cases.referrals.case'), rowHeader: true, cell: (r) => r.case_reference },
          {
            header: props.direction === 'in' ? t('cases.referrals.from') : t('cases.referrals.to'),
            cell: (r) => (props.direction === 'in' ? r.from_org_name : r.to_org_name),
          },
          { header: t('cases.refer.profile'), cell: (r) => label('profile', r.profile) },
          { header: t('cases.refer.purpose'), cell: (r) => t(`purpose.${r.purpose}` as MessageKey) },
          {
            header: t('cases.referrals.state'),
            cell: (r) => (
              <>
                {label('rstate', r.lapsed ? 'lapsed' : r.state)}
                {r.overdue && <span className="kp-badge-bad"> {t('cases.tasks.overdue')}</span>}
              </>
            ),
          },
          { header: t('cases.referrals.until'), cell: (r) => date(r.ends_on) },
          {
            header: '',
            cell: (r) =>
              props.direction === 'in' ? (
                <Answer referral={r} act={props.act} />
              ) : ['pending', 'accepted'].includes(r.state) ? (
                <Button
                  appearance="secondary-action-button"
                  onClick={() => void props.act(r.id, { action: 'revoke' })}
                >
                  {t('cases.referrals.revoke')} {r.case_reference}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}

function Answer({
  referral,
  act,
}: {
  referral: CaseReferral;
  act(id: string, body: Record<string, unknown>): Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  if (referral.state === 'accepted' && !referral.lapsed) {
    return (
      <RouterLink className="utrecht-link" href={casePath(referral.case_id, referral.purpose)}>
        {t('cases.referrals.view')} {referral.case_reference}
      </RouterLink>
    );
  }
  if (referral.state !== 'pending') return null;
  return (
    <div className="kp-subform">
      <ButtonGroup>
        <Button
          appearance="primary-action-button"
          onClick={() => void act(referral.id, { action: 'accept' })}
        >
          {t('cases.referrals.accept')} {referral.case_reference}
        </Button>
      </ButtonGroup>
      <Text
        id={fieldId(`decline-${referral.id}`)}
        label={t('cases.referrals.declineReason')}
        value={reason}
        onValue={setReason}
      />
      <ButtonGroup>
        <Button
          appearance="secondary-action-button"
          onClick={() => void act(referral.id, { action: 'decline', reason })}
        >
          {t('cases.referrals.decline')} {referral.case_reference}
        </Button>
      </ButtonGroup>
    </div>
  );
}

/** My tasks: of me, or of my organisation, across cases (also cases led by others). */
export function TasksPage() {
  const { t } = useI18n();
  const session = useAuthenticated();
  const purpose = casePurposes(session)[0] ?? '';
  const date = useDay();
  const [mine, setMine] = useState('true');
  const { data, error, reload } = useLoad(
    () => api<CaseTask[]>('GET', '/case-tasks', { purpose, query: { mine } }),
    `${purpose}:${mine}`,
  );
  return (
    <>
      <PageHeading title={t('cases.tasks.mine')}>{t('cases.tasks.mine')}</PageHeading>
      <Paragraph className="kp-lead">{t('cases.tasks.mineLead')}</Paragraph>
      <Choice
        id={fieldId('tasks-whose')}
        label={t('cases.tasks.owner')}
        value={mine}
        onValue={setMine}
        options={[
          { value: 'true', label: t('cases.tasks.mine') },
          { value: 'false', label: session.user.organisation.name },
        ]}
      />
      <Problem error={error} />
      {data && (
        <DataTable
          caption={t('cases.tasks.mine')}
          empty={t('cases.tasks.empty')}
          rows={data}
          rowKey={(task) => task.id}
          columns={[
            { header: t('cases.tasks.task'), rowHeader: true, cell: (task) => task.title },
            { header: t('cases.referrals.case'), cell: (task) => task.case_reference ?? '–' },
            {
              header: t('cases.tasks.due'),
              cell: (task) => (
                <>
                  {task.due_on ? date(task.due_on) : '–'}
                  {task.overdue && <span className="kp-badge-bad"> {t('cases.tasks.overdue')}</span>}
                </>
              ),
            },
            { header: t('cases.tasks.state'), cell: (task) => task.state },
            {
              header: '',
              cell: (task) =>
                task.state === 'open' ? (
                  <Button
                    appearance="secondary-action-button"
                    onClick={() =>
                      void api('PATCH', `/case-tasks/${task.id}`, { purpose, body: { state: 'done' } }).then(
                        reload,
                      )
                    }
                  >
                    {t('cases.tasks.markDone')}: {task.title}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </>
  );
}
