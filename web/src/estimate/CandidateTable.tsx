import { Paragraph } from '@utrecht/component-library-react';
import type { EstimateResult } from '../../../src/estimate/estimate.ts';
import { DataTable } from '../components/DataTable.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { candidateList, isChosen } from './candidates.ts';
import { useNumber } from './EstimateResult.tsx';

type Candidate = EstimateResult['candidates'][number];

/**
 * The models the selection looked at, named for what they are: the stepwise path (in the order the steps
 * were taken, the chosen model last) or the best models by BIC; with the criterion the selection used.
 */
export function CandidateTable({ result }: { result: EstimateResult }) {
  const { t, number } = useI18n();
  const n = useNumber();
  const kind = candidateList(result.settings.select);
  if (!kind || result.candidates.length === 0) return null;
  const rows = kind === 'bic' ? result.candidates.slice(0, 10) : result.candidates;
  const stepwise = kind !== 'bic';
  const name = (c: Candidate) => c.terms.join(' + ') || t('estimate.mainEffects');
  return (
    <>
      <DataTable
        caption={t(`estimate.candidates.${kind}` as MessageKey)}
        rows={rows}
        rowKey={(c) => c.terms.join('+') || '-'}
        columns={[
          ...(stepwise
            ? [
                {
                  header: t('estimate.candidates.step'),
                  cell: (_c: Candidate) => String(rows.indexOf(_c)),
                },
              ]
            : []),
          {
            header: t('estimate.model'),
            cell: (c) =>
              isChosen(c, result.model.terms) ? (
                <>
                  {name(c)} <strong>({t('estimate.candidates.chosen')})</strong>
                </>
              ) : (
                name(c)
              ),
            rowHeader: true,
          },
          {
            header: stepwise ? t('estimate.candidates.bicForComparison') : 'BIC',
            // One decimal: differences below it carry no meaning for the choice.
            cell: (c) => (Number.isFinite(c.bic) ? number(c.bic, 1) : '–'),
          },
          { header: t('estimate.total'), cell: (c) => n.whole(c.total) },
        ]}
      />
      <Paragraph>
        {t(`estimate.candidates.criterion.${kind}` as MessageKey, {
          p: n.precise(result.settings.pthresh ?? 0.02),
        })}
      </Paragraph>
    </>
  );
}
