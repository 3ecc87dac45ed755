import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldTextarea,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ESTIMATE_STRATA, REGISTRATION_STRATA } from '../../../src/estimate/grants.ts';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useErrorFocus } from '../focusError.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { downloadExport, type EstimateSummary, getEstimate, purpose, type StoredEstimate } from './api.ts';
import { BAYES_DEFAULTS, BayesFields, type BayesValues, bayesSettings } from './BayesFields.tsx';
import { EstimateResult, useNumber } from './EstimateResult.tsx';
import { FileField, SelectField } from './fields.tsx';

type Format = 'table-csv' | 'records-csv' | 'registrations';
type Method = 'fixed' | 'stepwise-csv' | 'stepwise-aic' | 'bic';
type Ci = 'wald' | 'profile' | 'bootstrap' | 'none';

/** Zicht op omvang: upload a table, choose a method, see the estimate; and the organisation's history. */
export function EstimatePage() {
  const { t } = useI18n();
  const history = useLoad(() => api<EstimateSummary[]>('GET', '/estimates', { purpose }), 'estimates');
  const [shown, setShown] = useState<StoredEstimate | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const show = async (id: string) => {
    setFailure(null);
    try {
      setShown(await getEstimate(id));
    } catch (error) {
      setFailure(error);
    }
  };
  const created = (estimate: StoredEstimate) => {
    setShown(estimate);
    void history.reload();
  };
  return (
    <>
      <PageHeading title={t('estimate.title')}>{t('estimate.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('estimate.lead')}</Paragraph>
      <NewEstimate onCreated={created} />
      <Problem error={failure} />
      {shown && <EstimateResult key={shown.id} estimate={shown} onRerun={created} />}
      <Problem error={history.error} />
      {history.data && <History estimates={history.data} onShow={(id) => void show(id)} />}
    </>
  );
}

function NewEstimate({ onCreated }: { onCreated(estimate: StoredEstimate): void }) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<Format>('table-csv');
  const [text, setText] = useState('');
  const [lists, setLists] = useState('');
  const [strata, setStrata] = useState<string[]>([]);
  const [method, setMethod] = useState<Method>('stepwise-csv');
  const [model, setModel] = useState('');
  const [maxOrder, setMaxOrder] = useState('');
  const [pthresh, setPthresh] = useState('0.02');
  const [ci, setCi] = useState<Ci>('profile');
  const [bootstrap, setBootstrap] = useState('1000');
  const [seed, setSeed] = useState('1');
  const [average, setAverage] = useState(false);
  const [bayes, setBayes] = useState<BayesValues>(BAYES_DEFAULTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [listsBy, setListsBy] = useState<'organisation' | 'organisation_type'>('organisation');
  const [warnings, setWarnings] = useState<string[]>([]);
  const errorFocus = useErrorFocus();
  const fromRegistrations = format === 'registrations';
  const sampling = bayes.family === 'lcm' || bayes.family === 'all';
  const strataOffered: readonly string[] = fromRegistrations ? REGISTRATION_STRATA : ESTIMATE_STRATA;

  const readFile = async (file: File | null) => {
    if (file) setText(await file.text());
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!fromRegistrations && !text.trim()) problems.text = t('estimate.textRequired');
    if (format === 'records-csv' && !lists.trim()) problems.lists = t('estimate.listsRequired');
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) return errorFocus.refused();
    const settings: Record<string, unknown> = { ci, average };
    if (method === 'fixed') settings.model = model;
    else settings.select = method;
    if (method === 'bic' && maxOrder) settings.maxOrder = Number(maxOrder);
    if (method === 'stepwise-csv') settings.pthresh = Number(pthresh);
    if (ci === 'bootstrap') Object.assign(settings, { bootstrap: Number(bootstrap), seed: Number(seed) });
    Object.assign(settings, bayesSettings(bayes));
    if (sampling) settings.seed = Number(seed);
    const input =
      format === 'records-csv'
        ? {
            format,
            text,
            strata,
            lists: lists
              .split(',')
              .map((l) => l.trim())
              .filter(Boolean),
          }
        : { format, text, strata };
    setBusy(true);
    setWarnings([]);
    const named = name.trim() ? { name: name.trim() } : {};
    try {
      if (fromRegistrations) {
        // Counts only come back; small cells are flagged, never silently dropped.
        const made = await api<{
          estimate: StoredEstimate;
          table: { warnings: { nl: string; en: string }[] };
        }>('POST', '/estimates/from-registrations', {
          purpose,
          body: {
            ...named,
            listsBy: listsBy,
            strata: strata.filter((s) => strataOffered.includes(s)),
            settings,
          },
        });
        setWarnings(made.table.warnings.map((w) => w[language]));
        onCreated(made.estimate);
      } else {
        onCreated(
          await api<StoredEstimate>('POST', '/estimates', { purpose, body: { ...named, input, settings } }),
        );
      }
    } catch (error) {
      if (error instanceof ApiError && error.field === 'input') setErrors({ text: error.message });
      else setFailure(error);
      errorFocus.refused();
    } finally {
      setBusy(false);
    }
  };

  const option = (value: string, key: MessageKey) => ({ value, label: t(key) });
  return (
    <section ref={errorFocus.ref} className="kp-panel" aria-labelledby="new-estimate">
      <Heading2 id="new-estimate">{t('estimate.new')}</Heading2>
      <Problem error={failure} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField label={t('estimate.name')} value={name} onValue={setName} />
        <SelectField
          label={t('estimate.format')}
          value={format}
          onValue={(v) => setFormat(v as Format)}
          options={[
            option('table-csv', 'estimate.format.table'),
            option('records-csv', 'estimate.format.records'),
            option('registrations', 'estimate.format.registrations'),
          ]}
          description={t(
            format === 'table-csv'
              ? 'estimate.format.tableHelp'
              : format === 'records-csv'
                ? 'estimate.format.recordsHelp'
                : 'estimate.format.registrationsHelp',
          )}
        />
        {fromRegistrations ? (
          <SelectField
            label={t('estimate.listsBy')}
            value={listsBy}
            onValue={(v) => setListsBy(v as typeof listsBy)}
            options={[
              option('organisation', 'estimate.listsBy.organisation'),
              option('organisation_type', 'estimate.listsBy.organisation_type'),
            ]}
          />
        ) : (
          <>
            <FileField
              label={t('estimate.file')}
              accept=".csv,text/csv"
              onFile={(file) => void readFile(file)}
            />
            <FormFieldTextarea
              label={t('estimate.text')}
              rows={8}
              value={text}
              invalid={Boolean(errors.text)}
              errorMessage={errors.text}
              onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setText(event.currentTarget.value)}
            />
          </>
        )}
        {format === 'records-csv' && (
          <TextField
            label={t('estimate.listColumns')}
            description={t('estimate.listColumnsHelp')}
            value={lists}
            onValue={setLists}
            error={errors.lists}
          />
        )}
        <Fieldset>
          <FieldsetLegend>{t('estimate.strata')}</FieldsetLegend>
          {strataOffered.map((s) => (
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
        <BayesFields values={bayes} onValues={setBayes} />
        <SelectField
          label={t('estimate.method')}
          value={method}
          onValue={(v) => setMethod(v as Method)}
          options={[
            option('stepwise-csv', 'estimate.method.stepwise-csv'),
            option('stepwise-aic', 'estimate.method.stepwise-aic'),
            option('bic', 'estimate.method.bic'),
            option('fixed', 'estimate.method.fixed'),
          ]}
        />
        {method === 'fixed' && (
          <TextField
            label={t('estimate.modelTerms')}
            description={t('estimate.modelTermsHelp')}
            value={model}
            onValue={setModel}
          />
        )}
        {method === 'bic' && (
          <TextField
            label={t('estimate.maxOrder')}
            inputMode="numeric"
            value={maxOrder}
            onValue={setMaxOrder}
          />
        )}
        {method === 'stepwise-csv' && (
          <TextField label={t('estimate.pthresh')} inputMode="decimal" value={pthresh} onValue={setPthresh} />
        )}
        <SelectField
          label={t('estimate.ciMethod')}
          value={ci}
          onValue={(v) => setCi(v as Ci)}
          options={[
            option('profile', 'estimate.ci.profile'),
            option('wald', 'estimate.ci.wald'),
            option('bootstrap', 'estimate.ci.bootstrap'),
            option('none', 'estimate.ci.none'),
          ]}
        />
        {ci === 'bootstrap' && (
          <TextField
            label={t('estimate.bootstrap')}
            inputMode="numeric"
            value={bootstrap}
            onValue={setBootstrap}
          />
        )}
        {(ci === 'bootstrap' || sampling) && (
          <TextField label={t('estimate.seed')} inputMode="numeric" value={seed} onValue={setSeed} />
        )}
        <FormFieldCheckbox
          label={t('estimate.averageOption')}
          checked={average}
          onChange={(event) => setAverage(event.currentTarget.checked)}
        />
        {warnings.length > 0 && (
          <Alert type="warning">
            {warnings.map((w) => (
              <Paragraph key={w}>{w}</Paragraph>
            ))}
          </Alert>
        )}
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {busy ? t('estimate.busy') : t('estimate.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function History({ estimates, onShow }: { estimates: EstimateSummary[]; onShow(id: string): void }) {
  const { t, dateTime, language } = useI18n();
  const n = useNumber();
  const [failure, setFailure] = useState<unknown>(null);
  const download = (id: string, format: 'csv' | 'json') =>
    downloadExport(
      `/estimates/${id}/export.${format}`,
      `schatting-${id.slice(0, 8)}.${format}`,
      language,
    ).catch(setFailure);
  return (
    <>
      <Problem error={failure} />
      <DataTable
        caption={t('estimate.history')}
        empty={t('estimate.historyEmpty')}
        rows={estimates}
        rowKey={(e) => e.id}
        columns={[
          { header: t('estimate.name'), cell: (e) => e.name, rowHeader: true },
          { header: t('estimate.date'), cell: (e) => dateTime(e.createdAt) },
          { header: t('estimate.lists'), cell: (e) => e.lists.join(', ') },
          {
            header: t('estimate.total'),
            cell: (e) =>
              e.status === 'done'
                ? e.estimate
                  ? n.whole(e.estimate.total)
                  : t('estimate.noEstimate')
                : t(`estimate.status.${e.status}` as MessageKey),
          },
          {
            header: t('estimate.intervalShort'),
            cell: (e) =>
              e.estimate?.ci ? `${n.whole(e.estimate.ci.lower)} – ${n.whole(e.estimate.ci.upper)}` : '–',
          },
          {
            header: t('estimate.actions'),
            cell: (e) => <Actions estimate={e} onShow={onShow} download={download} />,
          },
        ]}
      />
    </>
  );
}

function Actions(props: {
  estimate: EstimateSummary;
  onShow(id: string): void;
  download(id: string, format: 'csv' | 'json'): void;
}) {
  const { t } = useI18n();
  const e = props.estimate;
  return (
    <div className="kp-row-actions">
      <Button appearance="secondary-action-button" onClick={() => props.onShow(e.id)}>
        {t('estimate.show')}
        <span className="kp-visually-hidden"> {e.name}</span>
      </Button>
      {e.status === 'done' &&
        (['csv', 'json'] as const).map((format) => (
          <Button key={format} appearance="subtle-button" onClick={() => props.download(e.id, format)}>
            {format.toUpperCase()}
            <span className="kp-visually-hidden"> {e.name}</span>
          </Button>
        ))}
    </div>
  );
}
