import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { estimateChart, groupsOf } from '../../../src/estimate/app/export.ts';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { downloadExport, getEstimate, purpose, type StoredEstimate, saveBlob, svgToPng } from './api.ts';
import { CandidateTable } from './CandidateTable.tsx';
import { sensitivity } from './candidates.ts';
import { MethodComparison } from './MethodComparison.tsx';

/** Numbers in the user's language, whole persons (the model's decimals suggest a precision it lacks). */
export function useNumber() {
  const { language } = useI18n();
  const whole = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 0 });
  const precise = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 3 });
  return {
    whole: (v: number | null | undefined) =>
      typeof v === 'number' && Number.isFinite(v) ? whole.format(v) : '–',
    precise: (v: number | null | undefined) =>
      typeof v === 'number' && Number.isFinite(v) ? precise.format(v) : '–',
  };
}

const POLL_MS = 1000;

/** One stored estimate: waits for a queued one (with progress), then shows numbers, models, chart and exports. */
export function EstimateResult(props: {
  estimate: StoredEstimate;
  onRerun?(estimate: StoredEstimate): void;
}) {
  const { t, language } = useI18n();
  const [estimate, setEstimate] = useState(props.estimate);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setEstimate(props.estimate), [props.estimate]);
  useEffect(() => {
    if (estimate.status !== 'queued' && estimate.status !== 'running') return;
    const timer = setTimeout(() => {
      getEstimate(estimate.id).then(setEstimate, setFailure);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [estimate]);

  const file = `schatting-${estimate.id.slice(0, 8)}`;
  const exportAs = async (format: 'csv' | 'json' | 'svg' | 'png') => {
    setFailure(null);
    try {
      if (format === 'png') {
        saveBlob(await svgToPng(estimateChart(estimate, language)), `${file}.png`);
      } else {
        const path = format === 'svg' ? 'chart.svg' : `export.${format}`;
        await downloadExport(`/estimates/${estimate.id}/${path}`, `${file}.${format}`, language);
      }
    } catch (error) {
      setFailure(error);
    }
  };
  const rerun = async () => {
    setBusy(true);
    setFailure(null);
    try {
      props.onRerun?.(
        await api<StoredEstimate>('POST', `/estimates/${estimate.id}/rerun`, { purpose, body: {} }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kp-panel" aria-labelledby={`estimate-${estimate.id}`}>
      <Heading2 id={`estimate-${estimate.id}`}>{estimate.name}</Heading2>
      <Problem error={failure} />
      {(estimate.status === 'queued' || estimate.status === 'running') && (
        <div role="status">
          <label htmlFor={`progress-${estimate.id}`}>{t('estimate.progress')}</label>{' '}
          <progress id={`progress-${estimate.id}`} max={estimate.progressTotal} value={estimate.progressDone}>
            {estimate.progressDone} / {estimate.progressTotal}
          </progress>{' '}
          {t('estimate.progressCount', { done: estimate.progressDone, total: estimate.progressTotal })}
        </div>
      )}
      {estimate.status === 'failed' && (
        <Problem error={new Error(estimate.error ?? '')} title={t('estimate.failed')} />
      )}
      {estimate.status === 'done' && estimate.result && <Details estimate={estimate} />}
      {estimate.status === 'done' && (
        <ButtonGroup className="kp-form-actions">
          {(['csv', 'json', 'svg', 'png'] as const).map((format) => (
            <Button key={format} appearance="secondary-action-button" onClick={() => void exportAs(format)}>
              {t('estimate.export', { format: format.toUpperCase() })}
            </Button>
          ))}
          <Button appearance="secondary-action-button" disabled={busy} onClick={() => void rerun()}>
            {t('estimate.rerun')}
          </Button>
        </ButtonGroup>
      )}
      {estimate.reproduces !== undefined && (
        <Paragraph role="status">
          {estimate.reproduces ? t('estimate.reproduces') : t('estimate.notReproduced')}
        </Paragraph>
      )}
    </section>
  );
}

function Details({ estimate }: { estimate: StoredEstimate }) {
  const { t, language } = useI18n();
  const n = useNumber();
  const document = estimate.result!;
  const overall = document.overall;
  const e = overall.estimate;
  const groups = groupsOf(document, language).slice(1);
  const svg = estimateChart(estimate, language);
  const spread = sensitivity(overall);
  return (
    <>
      <dl className="kp-facts">
        <dt>{t('estimate.observed')}</dt>
        <dd>{n.whole(overall.observed)}</dd>
        <dt>{t('estimate.total')}</dt>
        <dd data-testid="estimate-total">{e ? n.whole(e.total) : t('estimate.noEstimate')}</dd>
        {e?.ci && (
          <>
            <dt>{t('estimate.interval', { level: Math.round(e.ci.level * 100) })}</dt>
            <dd>
              {n.whole(e.ci.lower)} – {n.whole(e.ci.upper)} (
              {t(`estimate.ci.${e.ci.method}` as 'estimate.ci.wald')})
            </dd>
          </>
        )}
        {spread && (
          <>
            <dt>{t('estimate.sensitivity')}</dt>
            <dd data-testid="estimate-sensitivity">
              {t('estimate.sensitivityText', {
                models: spread.models,
                low: n.whole(spread.low),
                high: n.whole(spread.high),
              })}{' '}
              {t(`estimate.sensitivityAverage.${spread.averagedOver}` as MessageKey, {
                average: n.whole(spread.averaged),
              })}
            </dd>
          </>
        )}
        <dt>{t('estimate.model')}</dt>
        <dd>
          {overall.model.terms.length > 0 ? overall.model.terms.join(' + ') : t('estimate.mainEffects')}
          {overall.model.negInf.length > 0 &&
            ` (${t('estimate.negInf')}: ${overall.model.negInf.join(', ')})`}
        </dd>
        <dt>{t('estimate.lists')}</dt>
        <dd>{estimate.input.lists.join(', ')}</dd>
        {overall.average && (
          <>
            <dt>{t('estimate.average')}</dt>
            <dd>{n.whole(overall.average.total)}</dd>
          </>
        )}
        {document.trend && (
          <>
            <dt>{t('estimate.trend')}</dt>
            <dd>
              {t('estimate.trendText', {
                factor: n.precise(document.trend.factor),
                lower: n.precise(document.trend.lower),
                upper: n.precise(document.trend.upper),
              })}
            </dd>
          </>
        )}
      </dl>
      {overall.settings.method && overall.settings.method !== 'loglinear' && (
        <MethodComparison result={overall} id={estimate.id} />
      )}
      {overall.warnings.length > 0 && (
        <>
          <Heading3>{t('estimate.warnings')}</Heading3>
          <ul>
            {overall.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <CandidateTable result={overall} />
      {groups.length > 0 && (
        <DataTable
          caption={t('estimate.groups')}
          rows={groups}
          rowKey={(g) => g.label}
          columns={[
            { header: t('estimate.group'), cell: (g) => g.label, rowHeader: true },
            { header: t('estimate.observed'), cell: (g) => n.whole(g.result.observed) },
            {
              header: t('estimate.total'),
              cell: ({ result }) =>
                result.estimate ? n.whole(result.estimate.total) : t('estimate.noEstimate'),
            },
            {
              header: t('estimate.intervalShort'),
              cell: ({ result }) =>
                result.estimate?.ci
                  ? `${n.whole(result.estimate.ci.lower)} – ${n.whole(result.estimate.ci.upper)}`
                  : '–',
            },
          ]}
        />
      )}
      {/* Our own SVG, built from numbers with every text escaped; the <title> and <desc> carry its content. */}
      <figure className="kp-chart">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: generated SVG with escaped text */}
        <div dangerouslySetInnerHTML={{ __html: svg }} />
      </figure>
    </>
  );
}
