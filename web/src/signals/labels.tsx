import { exploitationForm, type FormCode } from '../../../src/domain/forms.ts';
import type { Label } from '../../../src/domain/label.ts';
import { findMunicipality } from '../../../src/domain/municipalities.ts';
import { type SignalState, STATE_LABELS } from '../../../src/signals/lifecycle.ts';
import { ROUTES, type RouteCode, TRACK_LABELS } from '../../../src/signals/routes.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import type { Sla } from './api.ts';

/** Labels for the codes the signals API answers with, in the user's language. */
export function useSignalLabels() {
  const { t, language } = useI18n();
  const text = (label: Label | undefined) => label?.[language] ?? '';
  return {
    text,
    state: (state: string) => text(STATE_LABELS[state as SignalState]) || state,
    form: (form: string) => text(exploitationForm(form as FormCode)?.label) || form,
    route: (route: string | null | undefined) =>
      route ? text(ROUTES[route as RouteCode]?.label) || route : '–',
    track: (route: string | null | undefined) =>
      route && ROUTES[route as RouteCode] ? text(TRACK_LABELS[ROUTES[route as RouteCode].track]) : '–',
    priority: (priority: string | null | undefined) =>
      priority ? t(`signals.priority.${priority}` as MessageKey) : '–',
    municipality: (code: string | undefined) => (code ? (findMunicipality(code)?.name ?? code) : '–'),
  };
}

/** The SLA clock as a badge: colour and, for those who do not see colour, the words and the due date. */
export function SlaBadge({ sla }: { sla: Sla | null | undefined }) {
  const { t, dateOnly } = useI18n();
  // No clock once the signal is accepted or closed: the deadline no longer applies.
  if (!sla) return <span>–</span>;
  const due = dateOnly(sla.dueDate);
  const left = sla.remainingWorkingDays ?? 0;
  const words =
    sla.status === 'red'
      ? t('signals.sla.late', { days: -left, due })
      : left === 0
        ? t('signals.sla.today', { due })
        : t('signals.sla.left', { days: left, due });
  return (
    <span className={`kp-sla kp-sla--${sla.status}`}>
      <span aria-hidden="true" className="kp-sla__dot" />
      <strong>{t(`signals.sla.${sla.status}` as MessageKey)}</strong>{' '}
      <span className="kp-sla__detail">{words}</span>
    </span>
  );
}
