import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ROUND_STRATA } from '../../../src/estimate/grants.ts';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useErrorFocus } from '../focusError.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { getEstimate, purpose, type Round, type RoundSummary, type StoredEstimate } from './api.ts';
import { EstimateResult, useNumber } from './EstimateResult.tsx';
import { SelectField } from './fields.tsx';
import { UploadList } from './UploadList.tsx';

/**
 * Estimation rounds: the analyst opens one and follows it; each partner uploads its encoded list (or
 * encodes it here, in the browser). The analyst sees the capture table and the estimate — never scores.
 */
export function RoundsPage() {
  const { t } = useI18n();
  const rounds = useLoad(() => api<RoundSummary[]>('GET', '/estimation-rounds', { purpose }), 'rounds');
  const [shownId, setShownId] = useState<string | null>(null);
  const opened = (round: Round) => {
    setShownId(round.id);
    void rounds.reload();
  };
  return (
    <>
      <PageHeading title={t('rounds.title')}>{t('rounds.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('rounds.lead')}</Paragraph>
      <Problem error={rounds.error} />
      {rounds.data && <RoundTable rounds={rounds.data} onShow={setShownId} />}
      {shownId && <RoundDetail key={shownId} id={shownId} onChanged={() => void rounds.reload()} />}
      <OpenRound onOpened={opened} />
    </>
  );
}

function RoundTable({ rounds, onShow }: { rounds: RoundSummary[]; onShow(id: string): void }) {
  const { t, dateTime } = useI18n();
  return (
    <DataTable
      caption={t('rounds.caption')}
      empty={t('rounds.none')}
      rows={rounds}
      rowKey={(r) => r.id}
      columns={[
        { header: t('rounds.name'), cell: (r) => r.name, rowHeader: true },
        { header: t('rounds.openedBy'), cell: (r) => r.organisation },
        { header: t('estimate.date'), cell: (r) => dateTime(r.createdAt) },
        { header: t('rounds.status'), cell: (r) => t(`rounds.status.${r.status}` as MessageKey) },
        {
          header: t('rounds.uploaded'),
          cell: (r) => t('rounds.uploadedCount', { uploaded: r.lists.uploaded, expected: r.lists.expected }),
        },
        {
          header: t('estimate.actions'),
          cell: (r) => (
            <Button appearance="secondary-action-button" onClick={() => onShow(r.id)}>
              {t('estimate.show')}
              <span className="kp-visually-hidden"> {r.name}</span>
            </Button>
          ),
        },
      ]}
    />
  );
}

const POLL_MS = 2000;

function RoundDetail({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t, dateTime } = useI18n();
  const n = useNumber();
  const [estimate, setEstimate] = useState<StoredEstimate | null>(null);
  const round = useLoad(async () => {
    const loaded = await api<Round>('GET', `/estimation-rounds/${id}`, { purpose });
    if (loaded.estimateId) setEstimate(await getEstimate(loaded.estimateId));
    // Keep the round list above in step (uploads, linking).
    onChanged();
    // A round being linked is followed until it is done.
    if (loaded.status === 'linking' || (loaded.status === 'open' && loaded.lists.every((l) => l.uploaded)))
      setTimeout(() => void round.reload(), POLL_MS);
    return loaded;
  }, id);
  const [failure, setFailure] = useState<unknown>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const relink = async () => {
    setFailure(null);
    try {
      await api('POST', `/estimation-rounds/${id}/link`, { purpose, body: {} });
      await round.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const r = round.data;
  return (
    <section className="kp-panel" aria-labelledby="round-detail">
      <Heading2 id="round-detail">{r ? r.name : t('app.loading')}</Heading2>
      <Problem error={round.error ?? failure} />
      {uploaded && <Success>{uploaded}</Success>}
      {r && (
        <>
          <dl className="kp-facts">
            <dt>{t('rounds.openedBy')}</dt>
            <dd>{r.organisation}</dd>
            <dt>{t('rounds.status')}</dt>
            <dd>
              <span role="status">{t(`rounds.status.${r.status}` as MessageKey)}</span>
            </dd>
            <dt>{t('rounds.strata')}</dt>
            <dd>
              {r.strata.length > 0 ? r.strata.map((s) => t(`stratum.${s}` as MessageKey)).join(', ') : '–'}
            </dd>
            <dt>{t('rounds.threshold')}</dt>
            <dd>{r.threshold ?? t('rounds.thresholdDefault')}</dd>
          </dl>
          {r.status === 'failed' && (
            <>
              <Problem error={new Error(r.error ?? '')} title={t('rounds.linkFailed')} />
              {r.owner && (
                <Button appearance="secondary-action-button" onClick={() => void relink()}>
                  {t('rounds.relink')}
                </Button>
              )}
            </>
          )}
          <DataTable
            caption={t('rounds.listsCaption')}
            rows={r.lists}
            rowKey={(l) => l.list}
            columns={[
              { header: t('rounds.list'), cell: (l) => l.list, rowHeader: true },
              { header: t('rounds.organisation'), cell: (l) => l.organisation.name },
              {
                header: t('rounds.uploaded'),
                cell: (l) =>
                  l.uploadedAt ? (
                    <span className="kp-badge-ok">{dateTime(l.uploadedAt)}</span>
                  ) : (
                    <span className="kp-badge-soon">{t('rounds.waiting')}</span>
                  ),
              },
              {
                header: t('rounds.records'),
                cell: (l) => (l.records === undefined ? '–' : n.whole(l.records)),
              },
            ]}
          />
          {r.status === 'open' &&
            r.lists
              .filter((l) => l.mine && !l.uploaded)
              .map((l) => (
                <UploadList
                  key={l.list}
                  roundId={r.id}
                  list={l.list}
                  strata={r.strata}
                  onUploaded={async (message) => {
                    await round.reload();
                    setUploaded(message);
                    onChanged();
                  }}
                />
              ))}
          {r.captureTable && <CaptureTable table={r.captureTable} />}
          {estimate && <EstimateResult estimate={estimate} />}
        </>
      )}
    </section>
  );
}

type Row = NonNullable<Round['captureTable']>['rows'][number];

function CaptureTable({ table }: { table: NonNullable<Round['captureTable']> }) {
  const { t } = useI18n();
  const n = useNumber();
  return (
    <DataTable
      caption={t('rounds.captureTable')}
      rows={table.rows}
      rowKey={(row) => `${JSON.stringify(row.stratum ?? {})}${row.pattern}`}
      columns={[
        ...table.strata.map((s) => ({
          header: t(`stratum.${s}` as MessageKey),
          cell: (row: Row) => row.stratum?.[s],
        })),
        // One column per list: the row's pattern holds a bit per list, in the lists' order.
        ...table.lists.map((l, i) => ({
          header: l,
          cell: (row: Row) => (row.pattern[i] === '1' ? t('rounds.onList') : t('rounds.notOnList')),
        })),
        { header: t('rounds.count'), cell: (row: Row) => n.whole(row.count) },
      ]}
    />
  );
}

interface Draft {
  /** Stable across additions and removals, for React's list keys. */
  key: number;
  name: string;
  organisationId: string;
}

function OpenRound({ onOpened }: { onOpened(round: Round): void }) {
  const { t } = useI18n();
  const organisations = useLoad(
    () => api<Array<{ id: string; name: string }>>('GET', '/organisations', { purpose }),
    'organisations',
  );
  const [name, setName] = useState('');
  const [lists, setLists] = useState<Draft[]>([
    { key: 0, name: 'A', organisationId: '' },
    { key: 1, name: 'B', organisationId: '' },
  ]);
  const [strata, setStrata] = useState<string[]>([]);
  const [threshold, setThreshold] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const errorFocus = useErrorFocus();
  const orgs = organisations.data ?? [];
  const change = (i: number, patch: Partial<Draft>) =>
    setLists(lists.map((l, j) => (i === j ? { ...l, ...patch } : l)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('rounds.nameRequired');
    lists.forEach((l, i) => {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,30}$/.test(l.name)) problems[`list${i}`] = t('rounds.listNameHelp');
    });
    setErrors(problems);
    setFailure(null);
    setDone(null);
    if (Object.keys(problems).length > 0) return errorFocus.refused();
    try {
      const round = await api<Round>('POST', '/estimation-rounds', {
        purpose,
        body: {
          name: name.trim(),
          lists: lists.map((l) => ({ name: l.name, organisationId: l.organisationId || orgs[0]?.id })),
          strata,
          ...(threshold ? { threshold: Number(threshold) } : {}),
        },
      });
      setDone(t('rounds.opened', { name: round.name }));
      onOpened(round);
    } catch (error) {
      if (error instanceof ApiError && error.field === 'strata') setErrors({ strata: error.message });
      else setFailure(error);
      errorFocus.refused();
    }
  };

  return (
    <section ref={errorFocus.ref} className="kp-panel" aria-labelledby="open-round">
      <Heading2 id="open-round">{t('rounds.open')}</Heading2>
      <Problem error={failure ?? organisations.error} />
      {done && <Success>{done}</Success>}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField label={t('rounds.name')} value={name} onValue={setName} error={errors.name} />
        {lists.map((l, i) => (
          <Fieldset key={l.key}>
            <FieldsetLegend>{t('rounds.listNumber', { number: i + 1 })}</FieldsetLegend>
            <TextField
              label={t('rounds.listName')}
              value={l.name}
              onValue={(value) => change(i, { name: value })}
              error={errors[`list${i}`]}
            />
            <SelectField
              label={t('rounds.organisation')}
              value={l.organisationId || orgs[0]?.id || ''}
              onValue={(value) => change(i, { organisationId: value })}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Fieldset>
        ))}
        <div className="kp-form-actions">
          {lists.length < 10 && (
            <Button
              appearance="secondary-action-button"
              onClick={() =>
                setLists([
                  ...lists,
                  {
                    key: Math.max(...lists.map((d) => d.key)) + 1,
                    name: String.fromCharCode(65 + lists.length),
                    organisationId: '',
                  },
                ])
              }
            >
              {t('rounds.addList')}
            </Button>
          )}
          {lists.length > 2 && (
            <Button appearance="secondary-action-button" onClick={() => setLists(lists.slice(0, -1))}>
              {t('rounds.removeList')}
            </Button>
          )}
        </div>
        <Fieldset invalid={Boolean(errors.strata)}>
          <FieldsetLegend>{t('rounds.strata')}</FieldsetLegend>
          {errors.strata && <Paragraph>{errors.strata}</Paragraph>}
          {ROUND_STRATA.map((s) => (
            <FormFieldCheckbox
              key={s}
              label={t(`stratum.${s}` as MessageKey)}
              checked={strata.includes(s)}
              onChange={(event) =>
                setStrata(event.currentTarget.checked ? [...strata, s] : strata.filter((x) => x !== s))
              }
            />
          ))}
        </Fieldset>
        <TextField
          label={t('rounds.threshold')}
          description={t('rounds.thresholdHelp')}
          inputMode="decimal"
          value={threshold}
          onValue={setThreshold}
        />
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('rounds.openSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
