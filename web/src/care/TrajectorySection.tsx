import { Button, ButtonGroup, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { DataTable } from '../components/DataTable.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { careApi, today } from './api.ts';
import { useCode } from './labels.ts';

/**
 * The client's care trajectory (issue 16, item 4): plan acute care and aftercare with a provider each, start
 * the phase, record the handover consent, hand over what it covers, and close with the outcome.
 */
export function TrajectorySection({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const v = useCode();
  const trajectories = useLoad(() => careApi.trajectories(clientId), `trajectories-${clientId}`);
  const places = useLoad(() => careApi.places(), 'providers');
  const providers = [
    ...new Map((places.data ?? []).map((place) => [place.orgId ?? '', place.organisation ?? ''])),
  ].filter(([orgId]) => orgId);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  async function act(work: () => Promise<unknown>) {
    try {
      await work();
      setError(null);
      setDone(t('care.done'));
      await trajectories.reload();
    } catch (failure) {
      setError(failure);
      setDone('');
    }
  }
  const open = (trajectories.data ?? []).find((trajectory) => !trajectory.closedOn);
  const options = providers.map(([value, label]) => ({ value, label }));
  return (
    <section aria-labelledby={`trajectory-${clientId}`}>
      <Heading3 id={`trajectory-${clientId}`}>{t('care.traj.title')}</Heading3>
      <Problem error={trajectories.error ?? error} />
      {done ? <Success>{done}</Success> : null}
      {open ? (
        <>
          <DataTable
            caption={t('care.traj.phases')}
            rows={open.phases ?? []}
            rowKey={(phase) => phase.id}
            empty={t('care.traj.none')}
            columns={[
              { header: t('care.traj.phase'), rowHeader: true, cell: (phase) => v(phase.phase) },
              { header: t('care.traj.provider'), cell: (phase) => phase.provider },
              {
                header: t('care.state'),
                cell: (phase) => <span data-phase-state={phase.state}>{v(phase.state)}</span>,
              },
              {
                header: <span className="kp-visually-hidden">{t('care.traj.steps')}</span>,
                cell: (phase) => (
                  <ButtonGroup>
                    {phase.state === 'planned' && phase.position === 0 ? (
                      <Button
                        onClick={() =>
                          act(() => careApi.phaseStep(phase.id, { action: 'start', startedOn: today() }))
                        }
                      >
                        {t('care.traj.start')} ({v(phase.phase)})
                      </Button>
                    ) : null}
                    {phase.state === 'active' && phase.position < (open.phases?.length ?? 0) - 1 ? (
                      <Button
                        onClick={() =>
                          act(() =>
                            careApi.phaseStep(phase.id, {
                              action: 'propose_handover',
                              fields: ['needs', 'languages'],
                            }),
                          )
                        }
                      >
                        {t('care.traj.handover')} ({v(phase.phase)})
                      </Button>
                    ) : null}
                    {phase.state === 'active' ? (
                      <Button
                        onClick={() =>
                          act(() => careApi.phaseStep(phase.id, { action: 'complete', endedOn: today() }))
                        }
                      >
                        {t('care.traj.complete')} ({v(phase.phase)})
                      </Button>
                    ) : null}
                  </ButtonGroup>
                ),
              },
            ]}
          />
          <ButtonGroup>
            <Button
              onClick={() =>
                act(() =>
                  careApi.consent(clientId, {
                    scope: 'handover',
                    givenOn: today(),
                    how: 'verbal',
                    covers: ['needs', 'languages'],
                  }),
                )
              }
            >
              {t('care.traj.consent')}
            </Button>
            <Button
              onClick={() =>
                act(() =>
                  careApi.closeTrajectory(open.id, { outcome: 'independent_living', closedOn: today() }),
                )
              }
            >
              {t('care.traj.close')}
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          <Paragraph>{t('care.traj.none')}</Paragraph>
          <SelectField
            label={t('care.traj.acuteProvider')}
            value={first}
            onValue={setFirst}
            options={[{ value: '', label: '–' }, ...options]}
          />
          <SelectField
            label={t('care.traj.aftercareProvider')}
            value={second}
            onValue={setSecond}
            options={[{ value: '', label: '–' }, ...options]}
          />
          <Button
            onClick={() =>
              act(() =>
                careApi.planTrajectory(clientId, {
                  phases: [
                    { phase: 'acute', providerOrgId: first },
                    ...(second ? [{ phase: 'aftercare', providerOrgId: second }] : []),
                  ],
                }),
              )
            }
          >
            {t('care.traj.plan')}
          </Button>
        </>
      )}
      {(trajectories.data ?? [])
        .filter((trajectory) => trajectory.closedOn)
        .map((trajectory) => (
          <Paragraph key={trajectory.id}>
            {t('care.traj.closed')} {trajectory.closedOn}: {v(trajectory.outcome)}
          </Paragraph>
        ))}
    </section>
  );
}
