import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useLoad } from '../useLoad.ts';
import { type LinkSuggestion, signalPath } from './api.ts';
import { useSignalLabels } from './labels.tsx';

const purpose = 'signal_assessment';

/** Why a suggestion matched, in words: "telefoonnummer (exact)", "achternaam (bijna gelijk, 3.2)". */
export function useLinkReasons() {
  const { t } = useI18n();
  const labels = useSignalLabels();
  return (link: Pick<LinkSuggestion, 'reasons'>) =>
    link.reasons
      .map((reason) =>
        reason.label
          ? `${labels.text(reason.label)}${reason.level ? ` (${reason.level}, ${reason.weight})` : ''}`
          : `${t(`signals.linkKind.${reason.kind}` as MessageKey)} (${t('signals.links.exact')})`,
      )
      .join('; ');
}

/** Link suggestions of a signal for triage: why and how strongly each matched, to confirm or reject. */
/** `onDecided`: a decided link re-scores the signal, so the page shows the new score and why. */
export function LinkSuggestions({ signalId, onDecided }: { signalId: string; onDecided?(): void }) {
  const { t, dateTime } = useI18n();
  const labels = useSignalLabels();
  const reasons = useLinkReasons();
  const [failure, setFailure] = useState<unknown>(null);
  const { data, error, reload } = useLoad(
    () => api<LinkSuggestion[]>('GET', `/signals/${signalId}/links`, { purpose }),
    signalId,
  );
  const decide = async (link: LinkSuggestion, status: 'confirmed' | 'rejected') => {
    setFailure(null);
    try {
      await api('POST', `/signals/${signalId}/links/${link.id}`, { purpose, body: { status } });
      await reload();
      onDecided?.();
    } catch (problem) {
      setFailure(problem);
    }
  };
  return (
    <section className="kp-panel" aria-labelledby="sig-links">
      <Heading2 id="sig-links">{t('signals.links.title')}</Heading2>
      <Problem error={error ?? failure} />
      {data && (
        <DataTable
          caption={t('signals.links.caption', { count: data.length })}
          captionHidden
          empty={t('signals.links.none')}
          rows={data}
          rowKey={(link) => link.id}
          columns={[
            {
              header: t('signals.links.other'),
              cell: (link) => (
                <>
                  <RouterLink className="utrecht-link" href={signalPath(link.linkedSignalId, 'triage')}>
                    {dateTime(link.linkedReceivedAt)}
                  </RouterLink>
                  <br />
                  <small>
                    {link.linkedReporter} · {labels.state(link.linkedState)}
                  </small>
                </>
              ),
              rowHeader: true,
            },
            {
              header: t('signals.links.kind'),
              cell: (link) => t(`signals.linkKind.${link.kind}` as MessageKey),
            },
            { header: t('signals.links.why'), cell: (link) => reasons(link) },
            { header: t('signals.col.score'), cell: (link) => Math.round(link.score * 100) / 100 },
            {
              header: t('signals.links.status'),
              cell: (link) => t(`signals.links.${link.status}` as MessageKey),
            },
            {
              header: t('signals.links.decide'),
              cell: (link) =>
                link.status === 'suggested' ? (
                  <ButtonGroup>
                    <Button
                      appearance="secondary-action-button"
                      aria-label={t('signals.links.confirmLabel', {
                        kind: t(`signals.linkKind.${link.kind}` as MessageKey),
                      })}
                      onClick={() => void decide(link, 'confirmed')}
                    >
                      {t('signals.links.confirm')}
                    </Button>
                    <Button
                      appearance="subtle-button"
                      aria-label={t('signals.links.rejectLabel', {
                        kind: t(`signals.linkKind.${link.kind}` as MessageKey),
                      })}
                      onClick={() => void decide(link, 'rejected')}
                    >
                      {t('signals.links.reject')}
                    </Button>
                  </ButtonGroup>
                ) : (
                  '–'
                ),
            },
          ]}
        />
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" href={`/netwerk/${signalId}`}>
          {t('signals.network.open')}
        </RouterLink>
      </Paragraph>
    </section>
  );
}
