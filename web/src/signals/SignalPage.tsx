import {
  Alert,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { countryName } from '../../../src/domain/countries.ts';
import { findIndicator } from '../../../src/domain/indicators.ts';
import { PERSON_ROLE_LABELS, type PersonRole } from '../../../src/signals/vocabulary.ts';
import { ApiError, api } from '../api.ts';
import { NewCase } from '../cases/shared.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { navigate } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';
import {
  personName,
  type SignalAccess,
  type SignalView,
  signalAccesses,
  signalPath,
  type Viewer,
} from './api.ts';
import { LinkSuggestions } from './LinkSuggestions.tsx';
import { SlaBadge, useSignalLabels } from './labels.tsx';
import { SignalActions } from './SignalActions.tsx';

/** Opens a signal under the first way the user holds that answers; null when none does. */
async function openSignal(
  id: string,
  accesses: SignalAccess[],
): Promise<{ view: SignalView; access: SignalAccess }> {
  for (const access of accesses) {
    try {
      return { view: await api<SignalView>('GET', `/signals/${id}`, { purpose: access.purpose }), access };
    } catch (failure) {
      // Not visible under this purpose (not found, or refused for this signal): try the next one.
      if (failure instanceof ApiError && (failure.status === 403 || failure.status === 404)) continue;
      throw failure;
    }
  }
  throw new SignalUnavailable();
}

class SignalUnavailable extends Error {}

/** One signal: what was reported, and for triage and the receiving team the score, reasons and actions. */
export function SignalPage({ id, requested }: { id: string; requested: Viewer | null }) {
  const { t, dateTime, dateOnly, language } = useI18n();
  const session = useAuthenticated();
  const labels = useSignalLabels();
  const accesses = signalAccesses(session, requested);
  // Resolved once: a reload after a step (a decline hands the signal back to triage) keeps the view it
  // opened in, so the step's confirmation stays on screen rather than the page switching views.
  const opened = useRef<SignalAccess | null>(null);
  const { data, error, reload } = useLoad(
    async () => {
      const result = await openSignal(id, opened.current ? [opened.current] : accesses);
      opened.current = result.access;
      return result;
    },
    `${id}:${accesses.map((a) => a.purpose).join(',')}`,
  );
  const title = t('signals.detail.title', { id: id.slice(0, 8) });
  useEffect(() => {
    // The address names the way the signal opened, so a reload or a link copied from here opens it the same way.
    if (data && data.access.viewer !== requested)
      navigate(signalPath(id, data.access.viewer), { replace: true });
  }, [data, id, requested]);
  if (!data) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        {error instanceof SignalUnavailable ? (
          <Alert type="warning" role="alert">
            <Paragraph>
              <strong>{t('signals.open.unavailableTitle')}</strong>
            </Paragraph>
            <Paragraph>
              {t('signals.open.unavailable', {
                roles: session.user.roles.map((role) => t(`role.${role}` as MessageKey)).join(', '),
              })}
            </Paragraph>
          </Alert>
        ) : (
          <Problem error={error} />
        )}
      </>
    );
  }
  const { viewer, purpose } = data.access;
  const s = data.view;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {requested !== null && requested !== viewer && (
        <Alert type="info">
          <Paragraph>
            {t('signals.open.otherView', {
              asked: t(`signals.viewer.${requested}`),
              opened: t(`signals.viewer.${viewer}`),
            })}
          </Paragraph>
        </Alert>
      )}
      <Paragraph className="kp-lead">
        {t('signals.detail.status')}: <strong>{labels.state(s.state)}</strong>
        {s.involvesMinor && (
          <>
            {' '}
            <span className="kp-badge-bad">{t('signals.minor')}</span>
          </>
        )}
      </Paragraph>
      <Problem error={error} />

      {s.triage && (
        <section className="kp-panel" aria-labelledby="sig-score">
          <Heading2 id="sig-score">{t('signals.detail.assessment')}</Heading2>
          {s.triage.rescored && (
            <Alert type="info">
              <Paragraph data-testid="rescored">
                {t('signals.rescored', {
                  at: dateTime(s.triage.rescored.at),
                  cause: labels.text(s.triage.rescored.cause),
                  score: `${s.triage.rescored.previousScore} → ${s.score}`,
                  priority: `${labels.priority(s.triage.rescored.previousPriority ?? s.priority)} → ${labels.priority(s.priority)}`,
                })}{' '}
                {s.triage.rescored.previousRoute && s.triage.rescored.previousRoute !== s.recommendedRoute
                  ? t('signals.rescoredRoute', {
                      from: labels.route(s.triage.rescored.previousRoute),
                      to: labels.route(s.recommendedRoute),
                    })
                  : t('signals.rescoredSameRoute')}
              </Paragraph>
            </Alert>
          )}
          <dl className="kp-facts">
            <dt>{t('signals.col.score')}</dt>
            <dd>
              <strong>{s.score}</strong>
            </dd>
            <dt>{t('signals.col.priority')}</dt>
            <dd>
              {labels.priority(s.priority)}
              {s.triage.priorityReason ? ` — ${labels.text(s.triage.priorityReason)}` : ''}
            </dd>
            <dt>{t('signals.detail.recommendedRoute')}</dt>
            <dd>
              {labels.route(s.recommendedRoute)} ({labels.track(s.recommendedRoute)}) —{' '}
              {labels.text(s.triage.routeReason)}
            </dd>
            <dt>{t('signals.detail.ruleSet')}</dt>
            <dd>
              {t('signals.detail.ruleSetVersion', { version: s.rulesetVersion ?? s.triage.ruleSetVersion })}
            </dd>
            {s.route && (
              <>
                <dt>{t('signals.col.route')}</dt>
                <dd>
                  {labels.route(s.route)} ({labels.track(s.route)})
                </dd>
              </>
            )}
            {s.sla && (
              <>
                <dt>{t('signals.col.sla')}</dt>
                <dd>
                  <SlaBadge sla={s.sla} />
                </dd>
              </>
            )}
            {s.outcome && (
              <>
                <dt>{t('signals.detail.outcome')}</dt>
                <dd>{t(`signals.outcome.${s.outcome}` as MessageKey)}</dd>
              </>
            )}
          </dl>
          <Heading2 id="sig-reasons" className="kp-subheading">
            {t('signals.detail.reasons')}
          </Heading2>
          <UnorderedList aria-labelledby="sig-reasons">
            {s.triage.reasons.map((reason) => (
              <UnorderedListItem key={reason.code}>
                {labels.text(reason.label)}{' '}
                <strong>
                  {reason.points < 0 ? '−' : '+'}
                  {Math.abs(reason.points)}
                </strong>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}

      {viewer !== 'mine' && (
        <SignalActions signal={s} viewer={viewer} purpose={purpose} onChanged={() => void reload()} />
      )}
      {viewer === 'team' && s.state === 'accepted' && <NewCase purpose={purpose} signalId={s.id} />}

      {s.linkNotices && s.linkNotices.length > 0 && (
        <section className="kp-panel" aria-labelledby="sig-notices">
          <Heading2 id="sig-notices">{t('signals.notices.title')}</Heading2>
          <Paragraph>{t('signals.notices.help')}</Paragraph>
          <UnorderedList>
            {s.linkNotices.map((notice) => (
              <UnorderedListItem key={notice.organisationId}>
                {t('signals.notices.item', {
                  organisation: notice.organisation,
                  kinds: notice.kinds.map((k) => t(`signals.linkKind.${k}` as MessageKey)).join(', '),
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}

      {viewer === 'triage' && <LinkSuggestions signalId={s.id} onDecided={() => void reload()} />}

      <section className="kp-panel" aria-labelledby="sig-report">
        <Heading2 id="sig-report">{t('signals.detail.report')}</Heading2>
        <dl className="kp-facts">
          <dt>{t('signals.col.received')}</dt>
          <dd>{dateTime(s.receivedAt)}</dd>
          <dt>{t('signals.field.observedAt')}</dt>
          <dd>{s.observedAt ? dateOnly(s.observedAt) : '–'}</dd>
          <dt>{t('signals.field.channel')}</dt>
          <dd>{t(`signals.channel.${s.channel}` as MessageKey)}</dd>
          {s.externalReference && (
            <>
              <dt>{t('signals.field.externalReference')}</dt>
              <dd>{s.externalReference}</dd>
            </>
          )}
          <dt>{t('signals.col.forms')}</dt>
          <dd>{s.forms.map(labels.form).join(', ')}</dd>
          <dt>{t('signals.col.place')}</dt>
          <dd>
            {[
              s.location?.municipality ? labels.municipality(s.location.municipality) : null,
              s.location?.city,
              s.location?.country ? countryName(s.location.country, language) : null,
            ]
              .filter(Boolean)
              .join(', ') || '–'}
          </dd>
        </dl>
        {s.indicators.length > 0 && (
          <>
            <Heading2 id="sig-indicators" className="kp-subheading">
              {t('signals.field.indicators')}
            </Heading2>
            <UnorderedList aria-labelledby="sig-indicators">
              {s.indicators.map((indicator) => (
                <UnorderedListItem key={indicator.code}>
                  {labels.text(findIndicator(indicator.code)?.label) || indicator.code}
                  {indicator.remark ? ` — “${indicator.remark}”` : ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        )}
        {s.narrative && (
          <>
            <Heading2 id="sig-narrative" className="kp-subheading">
              {t('signals.field.narrative')}
            </Heading2>
            <Paragraph className="kp-narrative">{s.narrative}</Paragraph>
          </>
        )}
      </section>

      {(s.persons.length > 0 || s.companies.length > 0) && (
        <section className="kp-panel" aria-labelledby="sig-parties">
          <Heading2 id="sig-parties">{t('signals.detail.parties')}</Heading2>
          {s.persons.length > 0 && (
            <DataTable
              caption={t('signals.detail.persons')}
              rows={s.persons}
              // The API lists persons in their order.
              rowKey={(_, index) => index}
              columns={[
                {
                  header: t('signals.field.role'),
                  cell: (person) => labels.text(PERSON_ROLE_LABELS[person.role as PersonRole]),
                },
                {
                  header: t('signals.detail.name'),
                  cell: (person) => (
                    <>
                      {personName(person)}
                      {(person.minor === 'minor' || person.minor === 'possibly_minor') && (
                        <>
                          {' '}
                          <span className="kp-badge-bad">{t(`signals.minorStatus.${person.minor}`)}</span>
                        </>
                      )}
                    </>
                  ),
                  rowHeader: true,
                },
                {
                  header: t('signals.field.dateOfBirth'),
                  cell: (person) =>
                    person.dateOfBirth ? dateOnly(person.dateOfBirth) : (person.birthYear ?? '–'),
                },
                {
                  header: t('signals.field.nationality'),
                  cell: (person) => (person.nationality ? countryName(person.nationality, language) : '–'),
                },
                {
                  header: t('signals.detail.contact'),
                  cell: (person) => [...person.phones, ...person.emails].join(', ') || '–',
                  className: 'kp-mono',
                },
                { header: t('signals.field.bsn'), cell: (person) => person.bsn ?? '–', className: 'kp-mono' },
              ]}
            />
          )}
          {s.companies.length > 0 && (
            <UnorderedList>
              {s.companies.map((company) => (
                <UnorderedListItem key={`${company.name}:${company.kvk}`}>
                  {company.name}
                  {company.kvk ? ` (KvK ${company.kvk})` : ''}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
          {s.vehicles.length + s.urls.length + s.handles.length > 0 && (
            <Paragraph className="kp-mono">
              {[
                ...s.vehicles.map((v) => `${t('signals.field.plate')}: ${v.plate}`),
                ...s.urls.map((u) => u.display ?? u.url ?? u.key),
                ...s.handles.map((h) => `${h.platform}: @${h.handle}`),
              ].join(' · ')}
            </Paragraph>
          )}
        </section>
      )}

      <History signal={s} />
    </>
  );
}

/** Who did what and why for triage and the team; only the steps and dates for the reporter. */
function History({ signal }: { signal: SignalView }) {
  const { t, dateTime } = useI18n();
  const labels = useSignalLabels();
  const received = { key: 'received', at: signal.receivedAt, what: labels.state('received') };
  // The reporter's view has no `history`: only dates and states, so no "by" and "note" columns.
  const steps: HistoryStep[] = signal.history
    ? [
        { ...received, by: '–', note: '–' },
        ...signal.history.map((step) => ({
          key: `${step.at}:${step.to}`,
          at: step.at,
          what: (
            <>
              {step.action === 'note' ? t('signals.action.note') : labels.state(step.to)}
              {step.detail.route ? ` → ${labels.route(step.detail.route)}` : ''}
              {step.detail.reason ? ` (${t(`signals.decline.${step.detail.reason}` as MessageKey)})` : ''}
              {step.detail.outcome ? ` (${t(`signals.outcome.${step.detail.outcome}` as MessageKey)})` : ''}
            </>
          ),
          by: t(`role.${step.actorRole}` as MessageKey),
          note: step.note ?? '–',
        })),
      ]
    : [
        received,
        ...signal.statusHistory.map((step) => ({
          key: `${step.at}:${step.state}`,
          at: step.at,
          what: labels.state(step.state),
        })),
      ];
  return (
    <section className="kp-panel" aria-labelledby="sig-history">
      <Heading2 id="sig-history">{t('signals.detail.history')}</Heading2>
      <DataTable
        caption={t('signals.detail.history')}
        captionHidden
        rows={steps}
        rowKey={(step) => step.key}
        columns={[
          { header: t('signals.detail.when'), cell: (step) => dateTime(step.at) },
          { header: t('signals.col.state'), cell: (step) => step.what },
          ...(signal.history
            ? [
                { header: t('signals.detail.by'), cell: (step: HistoryStep) => step.by },
                { header: t('signals.detail.note'), cell: (step: HistoryStep) => step.note },
              ]
            : []),
        ]}
      />
      {!signal.history && <Paragraph>{t('signals.detail.statusOnly')}</Paragraph>}
    </section>
  );
}

interface HistoryStep {
  key: string;
  at: string;
  what: ReactNode;
  by?: ReactNode;
  note?: ReactNode;
}
