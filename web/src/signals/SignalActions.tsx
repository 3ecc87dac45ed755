import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { DECLINE_REASONS, OUTCOMES } from '../../../src/signals/lifecycle.ts';
import { ROUTE_CODES, ROUTE_ORG_TYPES, ROUTES, TRACK_LABELS, TRACKS } from '../../../src/signals/routes.ts';
import { ApiError, api } from '../api.ts';
import { Problem, Success } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';
import { type Organisation, purposeOf, type SignalView, type Viewer } from './api.ts';
import { Choice, fieldId, LongText } from './fields.tsx';

/** The lifecycle steps the viewer may take now: triage starts, routes, re-triages, closes; the team accepts, declines, closes. */
export function SignalActions(props: {
  signal: SignalView;
  viewer: Viewer;
  /** The purpose the signal was opened under (a coordinator may hold two team purposes). */
  purpose?: string;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const session = useAuthenticated();
  const purpose = props.purpose ?? purposeOf(props.viewer, session);
  const [done, setDone] = useState<string | null>(null);
  const state = props.signal.state;
  const act = async (body: Record<string, unknown>, doneText: string) => {
    await api('POST', `/signals/${props.signal.id}/transitions`, { purpose, body });
    setDone(doneText);
    props.onChanged();
  };
  const forms: ReactNode[] = [];
  if (props.viewer === 'triage') {
    if (state === 'received')
      forms.push(
        <Simple key="start" action="start_triage" act={act} label={t('signals.action.start_triage')} />,
      );
    if (state === 'in_triage') forms.push(<RouteForm key="route" signal={props.signal} act={act} />);
    if (state === 'declined')
      forms.push(<Simple key="retriage" action="retriage" act={act} label={t('signals.action.retriage')} />);
    if (state === 'in_triage') forms.push(<CloseForm key="close" act={act} />);
  } else {
    if (state === 'routed') {
      forms.push(
        <Simple key="accept" action="accept" act={act} label={t('signals.action.accept')} withNote />,
      );
      forms.push(<DeclineForm key="decline" act={act} />);
    }
    if (state === 'accepted') forms.push(<CloseForm key="close" act={act} />);
  }
  if (['in_triage', 'routed', 'accepted'].includes(state)) forms.push(<NoteForm key="note" act={act} />);
  return (
    <section className="kp-panel" aria-labelledby="sig-actions">
      <Heading2 id="sig-actions">{t('signals.action.title')}</Heading2>
      <div aria-live="polite">{done && <Success>{done}</Success>}</div>
      {forms.length === 0 ? <Paragraph>{t('signals.action.none')}</Paragraph> : forms}
    </section>
  );
}

type Act = (body: Record<string, unknown>, doneText: string) => Promise<void>;

function useSubmit(run: () => Promise<void>) {
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await run();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) =>
    failure instanceof ApiError && failure.field === field ? failure.message : undefined;
  return { failure, busy, submit, fieldError };
}

function Simple(props: { action: string; label: string; act: Act; withNote?: boolean }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { failure, busy, submit, fieldError } = useSubmit(() =>
    props.act(
      { action: props.action, ...(note.trim() ? { note: note.trim() } : {}) },
      t('signals.action.done'),
    ),
  );
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="kp-subform">
      {props.withNote && (
        <LongText
          id={fieldId(`${props.action}-note`)}
          label={t('signals.action.noteOptional')}
          rows={2}
          value={note}
          error={fieldError('note')}
          onValue={setNote}
        />
      )}
      {!fieldError('note') && <Problem error={failure} />}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {props.label}
        </Button>
      </ButtonGroup>
    </form>
  );
}

function RouteForm({ signal, act }: { signal: SignalView; act: Act }) {
  const { t, language } = useI18n();
  // A route that re-scoring changed is not preselected: triage chooses it knowingly (the page says why).
  const changed =
    signal.triage?.rescored?.previousRoute != null &&
    signal.triage.rescored.previousRoute !== signal.recommendedRoute;
  const [route, setRoute] = useState(changed ? '' : (signal.recommendedRoute ?? ROUTE_CODES[0]));
  const [team, setTeam] = useState('');
  const [note, setNote] = useState('');
  const { data: organisations } = useLoad(
    () => api<Organisation[]>('GET', '/organisations', { purpose: 'signal_assessment' }),
    'organisations',
  );
  const allowed = ROUTE_ORG_TYPES[route as keyof typeof ROUTE_ORG_TYPES];
  const teams = (organisations ?? []).filter((o) => allowed === 'any' || allowed?.includes(o.type));
  const { failure, busy, submit, fieldError } = useSubmit(async () => {
    if (!route) throw new ApiError(400, 'required', t('signals.action.routeRequired'), 'route');
    if (!team) throw new ApiError(400, 'required', t('signals.action.teamRequired'), 'team');
    await act(
      { action: 'route', route, team, ...(note.trim() ? { note: note.trim() } : {}) },
      t('signals.action.routed'),
    );
  });
  const routeOptions = TRACKS.flatMap((track) =>
    ROUTE_CODES.filter((code) => ROUTES[code].track === track).map((code) => ({
      value: code,
      label: `${TRACK_LABELS[track][language]} – ${ROUTES[code].label[language]}${
        code === signal.recommendedRoute ? ` (${t('signals.recommended').toLowerCase()})` : ''
      }`,
    })),
  );
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="kp-subform">
      <Heading3>{t('signals.action.routeTitle')}</Heading3>
      <Choice
        id={fieldId('route')}
        label={t('signals.action.route')}
        description={t('signals.action.routeHelp')}
        value={route}
        empty={changed ? t('signals.action.chooseRoute') : undefined}
        error={fieldError('route')}
        options={routeOptions}
        onValue={(next) => {
          setRoute(next);
          setTeam('');
        }}
      />
      <Choice
        id={fieldId('team')}
        label={t('signals.action.team')}
        value={team}
        empty={t('signals.action.chooseTeam')}
        options={teams.map((o) => ({ value: o.id, label: o.name }))}
        error={fieldError('team')}
        onValue={setTeam}
      />
      <LongText
        id={fieldId('route-note')}
        label={t('signals.action.noteOptional')}
        rows={2}
        value={note}
        onValue={setNote}
      />
      {!fieldError('team') && <Problem error={failure} />}
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('signals.action.routeSubmit')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** A note of the team without a change of state; the reporter does not see it. */
function NoteForm({ act }: { act: Act }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { failure, busy, submit, fieldError } = useSubmit(async () => {
    if (!note.trim()) throw new ApiError(400, 'required', t('signals.action.noteRequired'), 'note');
    await act({ action: 'note', note: note.trim() }, t('signals.action.noted'));
    setNote('');
  });
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="kp-subform">
      <Heading3>{t('signals.action.noteTitle')}</Heading3>
      <LongText
        id={fieldId('note-only')}
        label={t('signals.action.noteText')}
        description={t('signals.action.noteHelp')}
        required
        rows={3}
        value={note}
        error={fieldError('note')}
        onValue={setNote}
      />
      {!fieldError('note') && <Problem error={failure} />}
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={busy}>
          {t('signals.action.addNote')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** Declining and closing ask the same thing: one choice from a fixed list and a required explanation. */
interface ChoiceWithNote {
  action: 'decline' | 'close';
  /** The body field the choice goes into. */
  field: 'reason' | 'outcome';
  choices: readonly string[];
  choiceLabel: (choice: string) => MessageKey;
  idPrefix: string;
  title: MessageKey;
  label: MessageKey;
  done: MessageKey;
  submitLabel: MessageKey;
}

const DECLINE: ChoiceWithNote = {
  action: 'decline',
  field: 'reason',
  choices: DECLINE_REASONS,
  choiceLabel: (r) => `signals.decline.${r}` as MessageKey,
  idPrefix: 'decline',
  title: 'signals.action.declineTitle',
  label: 'signals.action.reason',
  done: 'signals.action.declined',
  submitLabel: 'signals.action.decline',
};

const CLOSE: ChoiceWithNote = {
  action: 'close',
  field: 'outcome',
  choices: OUTCOMES,
  choiceLabel: (o) => `signals.outcome.${o}` as MessageKey,
  idPrefix: 'close',
  title: 'signals.action.closeTitle',
  label: 'signals.action.outcome',
  done: 'signals.action.closed',
  submitLabel: 'signals.action.close',
};

const DeclineForm = ({ act }: { act: Act }) => <ChoiceWithNoteForm act={act} spec={DECLINE} />;
const CloseForm = ({ act }: { act: Act }) => <ChoiceWithNoteForm act={act} spec={CLOSE} />;

function ChoiceWithNoteForm({ act, spec }: { act: Act; spec: ChoiceWithNote }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<string>(spec.choices[0]);
  const [note, setNote] = useState('');
  const { failure, busy, submit, fieldError } = useSubmit(async () => {
    if (!note.trim()) throw new ApiError(400, 'required', t('signals.action.noteRequired'), 'note');
    await act({ action: spec.action, [spec.field]: choice, note: note.trim() }, t(spec.done));
  });
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="kp-subform">
      <Heading3>{t(spec.title)}</Heading3>
      <Choice
        id={fieldId(`${spec.idPrefix}-${spec.field}`)}
        label={t(spec.label)}
        value={choice}
        options={spec.choices.map((c) => ({ value: c, label: t(spec.choiceLabel(c)) }))}
        onValue={setChoice}
      />
      <LongText
        id={fieldId(`${spec.idPrefix}-note`)}
        label={t('signals.action.noteWhy')}
        required
        rows={2}
        value={note}
        error={fieldError('note')}
        onValue={setNote}
      />
      {!fieldError('note') && <Problem error={failure} />}
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={busy}>
          {t(spec.submitLabel)}
        </Button>
      </ButtonGroup>
    </form>
  );
}
