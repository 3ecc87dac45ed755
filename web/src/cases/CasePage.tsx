import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useAuthenticated } from '../session.tsx';
import type { Organisation } from '../signals/api.ts';
import { Choice, fieldId, LongText, Text } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { type CaseFile, casePurposes, purposeFromLocation } from './api.ts';
import { useCaseLabel, useDay } from './shared.tsx';

const TABS = ['overview', 'persons', 'timeline', 'tasks', 'referrals', 'history'] as const;
type Tab = (typeof TABS)[number];

/** One case file with tabs; what it shows is exactly what the API opens under the purpose (lead or profile). */
export function CasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const session = useAuthenticated();
  const purposes = casePurposes(session);
  const requested = purposeFromLocation();
  const purpose = requested && purposes.includes(requested) ? requested : (purposes[0] ?? '');
  const { data, error, reload } = useLoad(
    () => api<CaseFile>('GET', `/cases/${id}`, { purpose }),
    `${id}:${purpose}`,
  );
  const [tab, setTab] = useState<Tab>('overview');
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (event: KeyboardEvent) => {
    const index = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index + TABS.length - 1) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : null;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabs.current[next]?.focus();
  };
  if (!data) {
    return (
      <>
        <PageHeading title={t('nav.cases')}>{t('nav.cases')}</PageHeading>
        <Problem error={error} />
      </>
    );
  }
  const lead = data.access_profile === 'lead';
  return (
    <>
      <PageHeading title={`${data.reference} – ${data.title}`}>
        {data.reference} – {data.title}
      </PageHeading>
      <div role="tablist" aria-label={t('cases.tabs')} className="kp-tabs" onKeyDown={onKey}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-controls={`panel-${name}`}
            aria-selected={tab === name}
            tabIndex={tab === name ? 0 : -1}
            className="kp-tab"
            ref={(element) => {
              tabs.current[name] = element;
            }}
            onClick={() => setTab(name)}
          >
            {t(`cases.tab.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="kp-panel">
        {tab === 'overview' && <Overview file={data} />}
        {tab === 'persons' && <Persons file={data} />}
        {tab === 'timeline' && <Timeline file={data} />}
        {tab === 'tasks' && <Tasks file={data} purpose={purpose} onChanged={reload} />}
        {tab === 'referrals' &&
          (lead ? <Referrals file={data} purpose={purpose} onChanged={reload} /> : <NotShared />)}
        {tab === 'history' && (lead ? <History file={data} /> : <NotShared />)}
      </div>
    </>
  );
}

function NotShared() {
  const { t } = useI18n();
  return <Paragraph>{t('cases.notShared')}</Paragraph>;
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="kp-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Overview({ file }: { file: CaseFile }) {
  const { t } = useI18n();
  const label = useCaseLabel();
  return (
    <>
      <Heading2>{t('cases.tab.overview')}</Heading2>
      <Facts
        rows={[
          [t('cases.col.lead'), file.lead_org_name],
          [t('cases.col.state'), label('state', file.state)],
          [t('cases.col.approach'), file.approaches.map((a) => label('approach', a)).join(', ')],
          [t('cases.field.forms'), file.forms.join(', ') || '–'],
          [t('cases.col.profile'), label('profile', file.access_profile)],
          ...(file.summary !== undefined
            ? [[t('cases.field.summary'), file.summary || '–'] as [string, ReactNode]]
            : []),
          ...(file.outcome
            ? [[t('cases.field.outcome'), label('outcome', file.outcome)] as [string, ReactNode]]
            : []),
        ]}
      />
      {file.companies.length > 0 && (
        <DataTable
          caption={t('cases.companies.title')}
          rows={file.companies}
          rowKey={(c) => c.id}
          columns={[
            { header: t('cases.col.title'), cell: (c) => c.name, rowHeader: true },
            { header: 'KvK', cell: (c) => c.kvk ?? '–' },
          ]}
        />
      )}
      {file.addresses.length > 0 && (
        <DataTable
          caption={t('cases.addresses.title')}
          rows={file.addresses}
          rowKey={(a) => a.id}
          columns={[
            { header: t('cases.timeline.kind'), cell: (a) => a.kind, rowHeader: true },
            {
              header: t('cases.timeline.place'),
              cell: (a) => [a.street, a.postcode, a.city].filter(Boolean).join(', '),
            },
          ]}
        />
      )}
      {file.identifiers.length > 0 && (
        <DataTable
          caption={t('cases.identifiers.title')}
          rows={file.identifiers}
          rowKey={(i) => i.id}
          columns={[
            { header: t('cases.timeline.kind'), cell: (i) => i.kind, rowHeader: true },
            { header: t('cases.identifiers.title'), cell: (i) => i.value },
          ]}
        />
      )}
    </>
  );
}

function Persons({ file }: { file: CaseFile }) {
  const { t } = useI18n();
  const date = useDay();
  const label = useCaseLabel();
  return (
    <DataTable
      caption={t('cases.persons.title')}
      empty={t('cases.notShared')}
      rows={file.persons}
      rowKey={(p) => p.id}
      columns={[
        {
          header: t('cases.persons.name'),
          rowHeader: true,
          cell: (p) => [p.given_names, p.prefix, p.surname].filter(Boolean).join(' ') || '–',
        },
        { header: t('cases.persons.role'), cell: (p) => label('role', p.role) },
        { header: t('cases.persons.born'), cell: (p) => (p.date_of_birth ? date(p.date_of_birth) : '–') },
        { header: t('cases.persons.careNeeds'), cell: (p) => p.care_needs || '–' },
      ]}
    />
  );
}

function Timeline({ file }: { file: CaseFile }) {
  const { t } = useI18n();
  const date = useDay();
  const label = useCaseLabel();
  return (
    <DataTable
      caption={t('cases.timeline.title')}
      empty={t('cases.notShared')}
      rows={file.events}
      rowKey={(e) => e.id}
      columns={[
        {
          header: t('cases.timeline.date'),
          rowHeader: true,
          cell: (e) => (e.event_date ? date(e.event_date) : '–'),
        },
        { header: t('cases.timeline.kind'), cell: (e) => label('event', e.kind) },
        { header: t('cases.timeline.place'), cell: (e) => e.place || '–' },
      ]}
    />
  );
}

function useForm(run: () => Promise<void>) {
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setDone(false);
    try {
      await run();
      setDone(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) =>
    failure instanceof ApiError && failure.field === field ? failure.message : undefined;
  return { failure, done, busy, submit, fieldError };
}

function Tasks({ file, purpose, onChanged }: { file: CaseFile; purpose: string; onChanged(): void }) {
  const { t } = useI18n();
  const date = useDay();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const form = useForm(async () => {
    await api('POST', `/cases/${file.id}/tasks`, {
      purpose,
      body: { title, ...(due ? { dueOn: due } : {}) },
    });
    setTitle('');
    onChanged();
  });
  return (
    <>
      <DataTable
        caption={t('cases.tasks.title')}
        empty={t('cases.tasks.empty')}
        rows={file.tasks}
        rowKey={(task) => task.id}
        columns={[
          { header: t('cases.tasks.task'), rowHeader: true, cell: (task) => task.title },
          { header: t('cases.tasks.owner'), cell: (task) => task.owner_name ?? task.owner_org_name },
          { header: t('cases.tasks.due'), cell: (task) => (task.due_on ? date(task.due_on) : '–') },
          { header: t('cases.tasks.state'), cell: (task) => task.state },
        ]}
      />
      {file.access_profile === 'lead' && (
        <form noValidate onSubmit={(event) => void form.submit(event)} className="kp-subform">
          <Heading2>{t('cases.tasks.add')}</Heading2>
          <Text
            id={fieldId('task-title')}
            label={t('cases.tasks.task')}
            required
            value={title}
            onValue={setTitle}
            error={form.fieldError('title')}
          />
          <Text
            id={fieldId('task-due')}
            label={t('cases.tasks.due')}
            type="date"
            value={due}
            onValue={setDue}
            error={form.fieldError('dueOn')}
          />
          {!form.fieldError('title') && !form.fieldError('dueOn') && <Problem error={form.failure} />}
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button" disabled={form.busy}>
              {t('cases.tasks.add')}
            </Button>
          </ButtonGroup>
        </form>
      )}
    </>
  );
}

const PROFILE_PURPOSE: Record<string, string> = {
  care: 'care_coordination',
  administrative: 'administrative_enforcement',
  criminal: 'criminal_investigation',
};

function Referrals({ file, purpose, onChanged }: { file: CaseFile; purpose: string; onChanged(): void }) {
  const { t } = useI18n();
  const date = useDay();
  const label = useCaseLabel();
  const { data: organisations } = useLoad(
    () => api<Organisation[]>('GET', '/organisations', { purpose }),
    'organisations',
  );
  const session = useAuthenticated();
  const [to, setTo] = useState('');
  const [profile, setProfile] = useState('care');
  const [basis, setBasis] = useState('public_task');
  const [endsOn, setEndsOn] = useState(() => {
    const d = new Date();
    d.setDate(d.getDate() + 90);
    return d.toISOString().slice(0, 10);
  });
  const [consentName, setConsentName] = useState('');
  const [consentOn, setConsentOn] = useState('');
  const [consentScope, setConsentScope] = useState('');
  const form = useForm(async () => {
    if (!to) throw new ApiError(400, 'required', `${t('cases.refer.to')}: ${t('cases.required')}`, 'toOrgId');
    await api('POST', `/cases/${file.id}/referrals`, {
      purpose,
      body: {
        toOrgId: to,
        profile,
        purpose: PROFILE_PURPOSE[profile],
        legalBasis: basis,
        endsOn,
        ...(basis === 'consent'
          ? {
              consent: {
                givenBy: 'data_subject',
                name: consentName,
                givenOn: consentOn,
                scope: consentScope,
                recordedHow: 'written',
              },
            }
          : {}),
      },
    });
    onChanged();
  });
  const others = (organisations ?? []).filter((o) => o.id !== session.user.organisation.id);
  return (
    <>
      <DataTable
        caption={t('cases.referrals.title')}
        empty={t('cases.referrals.empty')}
        rows={file.referrals}
        rowKey={(r) => r.id}
        columns={[
          { header: t('cases.referrals.to'), rowHeader: true, cell: (r) => r.to_org_name },
          { header: t('cases.refer.profile'), cell: (r) => label('profile', r.profile) },
          { header: t('cases.referrals.state'), cell: (r) => label('rstate', r.lapsed ? 'lapsed' : r.state) },
          { header: t('cases.referrals.until'), cell: (r) => date(r.ends_on) },
          {
            header: t('cases.referrals.revoke'),
            cell: (r) =>
              ['pending', 'accepted'].includes(r.state) ? (
                <Button
                  appearance="secondary-action-button"
                  onClick={() =>
                    void api('POST', `/case-referrals/${r.id}/transitions`, {
                      purpose,
                      body: { action: 'revoke' },
                    }).then(onChanged)
                  }
                >
                  {t('cases.referrals.revoke')} ({r.to_org_name})
                </Button>
              ) : (
                '–'
              ),
          },
        ]}
      />
      <form
        noValidate
        onSubmit={(event) => void form.submit(event)}
        className="kp-subform"
        aria-labelledby="refer-heading"
      >
        <Heading2 id="refer-heading">{t('cases.refer.title')}</Heading2>
        <div aria-live="polite">{form.done && <Success>{t('cases.refer.sent')}</Success>}</div>
        <Choice
          id={fieldId('refer-to')}
          label={t('cases.refer.to')}
          required
          value={to}
          empty="–"
          onValue={setTo}
          error={form.fieldError('toOrgId')}
          options={others.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Choice
          id={fieldId('refer-profile')}
          label={t('cases.refer.profile')}
          value={profile}
          onValue={setProfile}
          error={form.fieldError('profile')}
          options={['care', 'administrative', 'criminal'].map((p) => ({
            value: p,
            label: label('profile', p),
          }))}
        />
        <Choice
          id={fieldId('refer-basis')}
          label={t('cases.refer.basis')}
          value={basis}
          onValue={setBasis}
          options={['public_task', 'legal_obligation', 'consent', 'vital_interest'].map((b) => ({
            value: b,
            label: label('basis', b),
          }))}
        />
        {basis === 'consent' && (
          <>
            <Text
              id={fieldId('consent-name')}
              label={t('cases.refer.consentName')}
              required
              value={consentName}
              onValue={setConsentName}
              error={form.fieldError('consent.name')}
            />
            <Text
              id={fieldId('consent-on')}
              label={t('cases.refer.consentOn')}
              type="date"
              required
              value={consentOn}
              onValue={setConsentOn}
              error={form.fieldError('consent.givenOn')}
            />
            <LongText
              id={fieldId('consent-scope')}
              label={t('cases.refer.consentScope')}
              required
              rows={2}
              value={consentScope}
              onValue={setConsentScope}
              error={form.fieldError('consent.scope')}
            />
          </>
        )}
        <Text
          id={fieldId('refer-ends')}
          label={t('cases.refer.endsOn')}
          type="date"
          required
          value={endsOn}
          onValue={setEndsOn}
          error={form.fieldError('endsOn')}
        />
        {!['toOrgId', 'profile', 'endsOn', 'consent.name', 'consent.givenOn', 'consent.scope'].some((f) =>
          form.fieldError(f),
        ) && <Problem error={form.failure} />}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={form.busy}>
            {t('cases.refer.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

function History({ file }: { file: CaseFile }) {
  const { t, dateTime } = useI18n();
  return (
    <DataTable
      caption={t('cases.history.title')}
      rows={file.history}
      rowKey={(h) => h.id}
      columns={[
        { header: t('cases.history.at'), rowHeader: true, cell: (h) => dateTime(h.at) },
        { header: t('cases.history.action'), cell: (h) => h.action },
        { header: t('cases.history.by'), cell: (h) => `${h.actor_name ?? ''} (${h.actor_org_name})` },
        { header: t('cases.field.reason'), cell: (h) => h.note ?? '–' },
      ]}
    />
  );
}
