import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError, api, downloadFile } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import type { Organisation } from '../signals/api.ts';
import { Choice, fieldId, LongText, Text } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import type { CaseFile, CaseRow } from './api.ts';
import { useCaseLabel, useDay } from './shared.tsx';

/** Everything of the casusoverleg runs under this purpose only (src/access/rules/consultations.ts). */
const PURPOSE = 'case_consultation';

interface ConsultationRow {
  id: string;
  title: string;
  chair_org_name: string;
  starts_at: string;
  ends_at: string;
  location: string;
  state: string;
}
interface Note {
  id: string;
  kind: 'contribution' | 'decision' | 'action';
  text: string;
  org_name: string;
  task_owner_org_name?: string | null;
  task_due_on?: string | null;
  task_state?: string | null;
}
interface AgendaItem {
  id: string;
  position: number;
  shared: boolean;
  carried_over?: boolean;
  case_id?: string;
  case_reference?: string;
  case_title?: string;
  access_profile?: string;
  case?: CaseFile;
  notes?: Note[];
  open_actions?: Note[];
}
interface Meeting extends ConsultationRow {
  chair_org_id: string;
  organisations: { id: string; name: string; chair: boolean }[];
  people: { name: string; orgName: string }[];
  agenda: AgendaItem[];
}

function useMoment() {
  const { language } = useI18n();
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
  return (value: string) => format.format(new Date(value));
}

function useSubmit(run: () => Promise<void>) {
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    try {
      await run();
      setDone(true);
    } catch (error) {
      setFailure(error);
    }
  };
  const fieldError = (field: string) =>
    failure instanceof ApiError && failure.field === field ? failure.message : undefined;
  return { failure, done, submit, fieldError };
}

/** The consultations of one's organisation; a chair plans a new one. */
export function ConsultationsPage() {
  const { t } = useI18n();
  const session = useAuthenticated();
  const moment = useMoment();
  const list = useLoad(() => api<ConsultationRow[]>('GET', '/consultations', { purpose: PURPOSE }), 'list');
  const chair = session.user.roles.includes('consultation_chair');
  return (
    <>
      <PageHeading title={t('consult.title')}>{t('consult.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('consult.lead')}</Paragraph>
      <Problem error={list.error} />
      {list.data && (
        <DataTable
          caption={t('consult.title')}
          captionHidden
          empty={t('consult.empty')}
          rows={list.data}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t('consult.col.title'),
              rowHeader: true,
              cell: (row) => (
                <RouterLink className="utrecht-link" href={`/overleg/${row.id}`}>
                  {row.title}
                </RouterLink>
              ),
            },
            { header: t('consult.col.when'), cell: (row) => moment(row.starts_at) },
            { header: t('consult.col.chair'), cell: (row) => row.chair_org_name },
            { header: t('consult.col.state'), cell: (row) => t(`consult.state.${row.state}` as MessageKey) },
          ]}
        />
      )}
      {chair && <PlanForm onPlanned={list.reload} />}
    </>
  );
}

function PlanForm({ onPlanned }: { onPlanned(): void }) {
  const { t } = useI18n();
  const session = useAuthenticated();
  const { data: organisations } = useLoad(
    () => api<Organisation[]>('GET', '/organisations', { purpose: PURPOSE }),
    'organisations',
  );
  const [title, setTitle] = useState('');
  const [day, setDay] = useState('');
  const [from, setFrom] = useState('10:00');
  const [to, setTo] = useState('12:00');
  const [location, setLocation] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const local = (time: string) => {
    // The wall-clock time in Amsterdam as an ISO instant with its offset.
    const guess = new Date(`${day}T${time}:00Z`);
    const inAmsterdam = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Amsterdam' }));
    const offset = Math.round(
      (inAmsterdam.getTime() - new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' })).getTime()) /
        60000,
    );
    const sign = offset >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    return `${day}T${time}:00${sign}${hh}:${mm}`;
  };
  const form = useSubmit(async () => {
    if (!title.trim())
      throw new ApiError(400, 'required', `${t('consult.col.title')}: ${t('cases.required')}`, 'title');
    if (!day)
      throw new ApiError(400, 'required', `${t('consult.plan.day')}: ${t('cases.required')}`, 'startsAt');
    await api('POST', '/consultations', {
      purpose: PURPOSE,
      body: {
        title,
        startsAt: local(from),
        endsAt: local(to),
        location: location || undefined,
        orgIds: invited,
      },
    });
    setTitle('');
    onPlanned();
  });
  const others = (organisations ?? []).filter((o) => o.id !== session.user.organisation.id);
  return (
    <section aria-labelledby="consult-plan">
      <Heading2 id="consult-plan">{t('consult.plan.title')}</Heading2>
      <form onSubmit={(e) => void form.submit(e)} noValidate>
        <Text
          id={fieldId('consult-title')}
          label={t('consult.col.title')}
          required
          value={title}
          onValue={setTitle}
          error={form.fieldError('title')}
        />
        <Text
          id={fieldId('consult-day')}
          label={t('consult.plan.day')}
          type="date"
          required
          value={day}
          onValue={setDay}
          error={form.fieldError('startsAt')}
        />
        <Text
          id={fieldId('consult-from')}
          label={t('consult.plan.from')}
          type="time"
          value={from}
          onValue={setFrom}
        />
        <Text
          id={fieldId('consult-to')}
          label={t('consult.plan.to')}
          type="time"
          value={to}
          onValue={setTo}
          error={form.fieldError('endsAt')}
        />
        <Text
          id={fieldId('consult-location')}
          label={t('consult.plan.location')}
          value={location}
          onValue={setLocation}
        />
        <fieldset
          className="kp-fieldset"
          aria-describedby={form.fieldError('orgIds') ? 'consult-orgs-error' : undefined}
        >
          <legend>{t('consult.plan.invite')}</legend>
          {form.fieldError('orgIds') && (
            <p id="consult-orgs-error" className="utrecht-form-field-error-message">
              {form.fieldError('orgIds')}
            </p>
          )}
          {others.map((org) => (
            <label key={org.id} className="kp-check">
              <input
                type="checkbox"
                checked={invited.includes(org.id)}
                onChange={(e) =>
                  setInvited((now) =>
                    e.target.checked ? [...now, org.id] : now.filter((id) => id !== org.id),
                  )
                }
              />{' '}
              {org.name}
            </label>
          ))}
        </fieldset>
        <Problem error={form.failure} />
        <div aria-live="polite">{form.done && <Success>{t('consult.plan.done')}</Success>}</div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('consult.plan.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

/** One consultation: agenda, per case what one's own grant opens, contributions, decisions and actions. */
export function ConsultationPage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const session = useAuthenticated();
  const moment = useMoment();
  const meeting = useLoad(() => api<Meeting>('GET', `/consultations/${id}`, { purpose: PURPOSE }), id);
  const [failure, setFailure] = useState<unknown>(null);
  const m = meeting.data;
  const chair = !!m && m.chair_org_id === session.user.organisation.id;
  const download = (path: string, name: string) =>
    downloadFile(`/consultations/${id}/${path}`, name, { purpose: PURPOSE }).catch(setFailure);
  return (
    <>
      <PageHeading title={m?.title ?? t('consult.title')}>{m?.title ?? t('consult.title')}</PageHeading>
      <Problem error={meeting.error ?? failure} />
      {m && (
        <>
          <dl className="kp-facts">
            <dt>{t('consult.col.chair')}</dt>
            <dd>{m.chair_org_name}</dd>
            <dt>{t('consult.col.when')}</dt>
            <dd>
              {moment(m.starts_at)} – {moment(m.ends_at)}
            </dd>
            {m.location && (
              <>
                <dt>{t('consult.plan.location')}</dt>
                <dd>{m.location}</dd>
              </>
            )}
            <dt>{t('consult.participants')}</dt>
            <dd>{m.organisations.map((o) => o.name).join(', ')}</dd>
            <dt>{t('consult.col.state')}</dt>
            <dd>{t(`consult.state.${m.state}` as MessageKey)}</dd>
          </dl>
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              onClick={() => void download('minutes.pdf', `verslag-${language}.pdf`)}
            >
              {t('consult.minutesPdf')}
            </Button>
            <Button
              appearance="secondary-action-button"
              onClick={() => void download('invitation.ics', 'casusoverleg.ics')}
            >
              {t('consult.invitation')}
            </Button>
            {chair && m.state === 'planned' && (
              <Button
                appearance="secondary-action-button"
                onClick={() =>
                  void api('POST', `/consultations/${id}/held`, { purpose: PURPOSE }).then(
                    meeting.reload,
                    setFailure,
                  )
                }
              >
                {t('consult.markHeld')}
              </Button>
            )}
          </ButtonGroup>
          <Heading2>{t('consult.agenda')}</Heading2>
          {m.agenda.length === 0 && <Paragraph>{t('consult.agendaEmpty')}</Paragraph>}
          {m.agenda.map((item) => (
            <Item key={item.id} item={item} meeting={m} chair={chair} onChanged={meeting.reload} />
          ))}
          {m.state === 'planned' && <AddCase id={id} onAdded={meeting.reload} />}
        </>
      )}
    </>
  );
}

function Item(props: { item: AgendaItem; meeting: Meeting; chair: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const label = useCaseLabel();
  const { item } = props;
  const heading = `${t('consult.item')} ${item.position}`;
  if (!item.shared) {
    return (
      <section className="kp-card" aria-label={heading}>
        <Heading3>{heading}</Heading3>
        <Paragraph>
          <em>{t('consult.notShared')}</em>
        </Paragraph>
      </section>
    );
  }
  const file = item.case;
  return (
    <section className="kp-card" aria-label={`${heading}: ${item.case_reference}`}>
      <Heading3>
        {heading}: {item.case_reference} – {item.case_title}
      </Heading3>
      <Paragraph>
        {t('cases.col.profile')}: {label('profile', item.access_profile)}
        {item.carried_over ? ` · ${t('consult.carried')}` : ''}
      </Paragraph>
      {file && (
        <ul aria-label={t('consult.whatYouSee')}>
          {file.persons.map((p) => (
            <li key={p.id}>
              {label('role', p.role)}: {[p.given_names, p.prefix, p.surname].filter(Boolean).join(' ') || '–'}
              {p.care_needs ? ` (${p.care_needs})` : ''}
            </li>
          ))}
          {file.companies.map((c) => (
            <li key={c.id}>
              {t('consult.company')}: {c.name}
            </li>
          ))}
        </ul>
      )}
      <Notes title={t('consult.minutes')} notes={item.notes ?? []} />
      {(item.open_actions ?? []).length > 0 && (
        <Notes title={t('consult.openActions')} notes={item.open_actions ?? []} />
      )}
      <NoteForm item={item} meeting={props.meeting} chair={props.chair} onChanged={props.onChanged} />
    </section>
  );
}

function Notes({ title, notes }: { title: string; notes: Note[] }) {
  const { t } = useI18n();
  const day = useDay();
  if (notes.length === 0) return null;
  return (
    <>
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            {t(`consult.kind.${n.kind}` as MessageKey)} ({n.org_name}): {n.text}
            {n.kind === 'action' &&
              ` – ${t('consult.owner')}: ${n.task_owner_org_name ?? '–'}, ${t('consult.due')}: ${n.task_due_on ? day(n.task_due_on) : '–'}`}
          </li>
        ))}
      </ul>
    </>
  );
}

function NoteForm(props: { item: AgendaItem; meeting: Meeting; chair: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState('contribution');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const key = props.item.id;
  const form = useSubmit(async () => {
    if (kind === 'action') {
      await api('POST', `/consultation-items/${key}/actions`, {
        purpose: PURPOSE,
        body: { title: text, ownerOrgId: owner, dueOn: due },
      });
    } else {
      await api('POST', `/consultation-items/${key}/notes`, { purpose: PURPOSE, body: { kind, text } });
    }
    setText('');
    props.onChanged();
  });
  const kinds = props.chair ? ['contribution', 'decision', 'action'] : ['contribution'];
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate className="kp-subform">
      <Choice
        id={fieldId(`note-kind-${key}`)}
        label={t('consult.noteKind')}
        value={kind}
        onValue={setKind}
        options={kinds.map((k) => ({ value: k, label: t(`consult.kind.${k}` as MessageKey) }))}
      />
      <LongText
        id={fieldId(`note-text-${key}`)}
        label={t('consult.noteText')}
        value={text}
        onValue={setText}
        error={form.fieldError('text') ?? form.fieldError('title')}
      />
      {kind === 'action' && (
        <>
          <Choice
            id={fieldId(`note-owner-${key}`)}
            label={t('consult.owner')}
            value={owner}
            onValue={setOwner}
            empty={t('consult.choose')}
            options={props.meeting.organisations.map((o) => ({ value: o.id, label: o.name }))}
            error={form.fieldError('ownerOrgId')}
          />
          <Text
            id={fieldId(`note-due-${key}`)}
            label={t('consult.due')}
            type="date"
            value={due}
            onValue={setDue}
            error={form.fieldError('dueOn')}
          />
        </>
      )}
      <Problem error={form.failure} />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button">
          {t('consult.addNote')} ({props.item.case_reference})
        </Button>
      </ButtonGroup>
    </form>
  );
}

function AddCase({ id, onAdded }: { id: string; onAdded(): void }) {
  const { t } = useI18n();
  const cases = useLoad(
    () => api<{ items: CaseRow[] }>('GET', '/cases', { purpose: PURPOSE, query: { limit: 200 } }),
    `cases:${id}`,
  );
  const [caseId, setCaseId] = useState('');
  const form = useSubmit(async () => {
    await api('POST', `/consultations/${id}/items`, { purpose: PURPOSE, body: { caseId } });
    onAdded();
  });
  return (
    <section aria-labelledby="consult-add">
      <Heading2 id="consult-add">{t('consult.addCase')}</Heading2>
      <form onSubmit={(e) => void form.submit(e)} noValidate>
        <Choice
          id={fieldId('consult-case')}
          label={t('consult.case')}
          value={caseId}
          onValue={setCaseId}
          empty={t('consult.choose')}
          options={(cases.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.reference} – ${c.title}`,
          }))}
          error={form.fieldError('caseId')}
        />
        <Problem error={form.failure} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('consult.addCase')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
