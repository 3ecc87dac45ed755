import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../api.ts';
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
export function LinkSuggestions({ signalId }: { signalId: string }) {
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
    } catch (problem) {
      setFailure(problem);
    }
  };
  return (
    <section className="kp-panel" aria-labelledby="sig-links">
      <Heading2 id="sig-links">{t('signals.links.title')}</Heading2>
      <Problem error={error ?? failure} />
      {data && data.length === 0 && <Paragraph>{t('signals.links.none')}</Paragraph>}
      {data && data.length > 0 && (
        <div className="kp-table-wrap">
          <Table>
            <TableCaption className="kp-visually-hidden">
              {t('signals.links.caption', { count: data.length })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('signals.links.other')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.links.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.links.why')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.col.score')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.links.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('signals.links.decide')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((link) => (
                <TableRow key={link.id}>
                  <TableHeaderCell scope="row">
                    <RouterLink className="utrecht-link" href={signalPath(link.linked_signal_id, 'triage')}>
                      {dateTime(link.linked_received_at)}
                    </RouterLink>
                    <br />
                    <small>
                      {link.linked_reporter} · {labels.state(link.linked_state)}
                    </small>
                  </TableHeaderCell>
                  <TableCell>{t(`signals.linkKind.${link.kind}` as MessageKey)}</TableCell>
                  <TableCell>{reasons(link)}</TableCell>
                  <TableCell>{Math.round(link.score * 100) / 100}</TableCell>
                  <TableCell>{t(`signals.links.${link.status}` as MessageKey)}</TableCell>
                  <TableCell>
                    {link.status === 'suggested' ? (
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
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" href={`/netwerk/${signalId}`}>
          {t('signals.network.open')}
        </RouterLink>
      </Paragraph>
    </section>
  );
}
