import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError, type ApiErrorDetail, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { FileField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';

interface Batch {
  id: string;
  reference: string;
  rowCount: number;
  uploadedAt: string;
  signalCount?: number;
}
interface FiuSignal {
  signalId: string;
  account: string;
  holder: string;
  reasons: { rule: string; indicator: string; label: { nl: string; en: string } }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PURPOSE = 'criminal_investigation';

/** FIU-Nederland: upload a batch of suspicious transactions, its validation report, the signals it became. */
export function FiuUploadPage() {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [done, setDone] = useState<{ batch: Batch; signals: FiuSignal[] } | null>(null);
  const [report, setReport] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const batches = useLoad(
    () => api<Batch[]>('GET', '/feeds/fiu/batches', { purpose: PURPOSE }),
    'fiu-batches',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setReport(null);
    setFailure(null);
    if (!file) {
      setFailure(new ApiError(400, 'file_missing', t('feeds.publish.noFile'), 'file'));
      return;
    }
    setSending(true);
    try {
      const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
      const result = await api<{ batch: Batch; signals: FiuSignal[] }>('POST', '/feeds/fiu/batches', {
        purpose: PURPOSE,
        query: { reference: reference.trim() },
        raw: { body: await file.arrayBuffer(), contentType: isXlsx ? XLSX : 'text/csv' },
      });
      setDone(result);
      await batches.reload();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setReport(error);
      else setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageHeading title={t('fiu.upload.title')}>{t('fiu.upload.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('fiu.upload.lead')}</Paragraph>
      <section className="kp-panel" aria-labelledby="fiu-upload">
        <Heading2 id="fiu-upload">{t('fiu.upload.submit')}</Heading2>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            name="reference"
            label={t('fiu.upload.reference')}
            value={reference}
            onValue={setReference}
          />
          <FileField
            label={t('fiu.upload.file')}
            description={t('fiu.upload.fileHelp')}
            accept=".csv,.xlsx,text/csv"
            onFile={setFile}
          />
          <Problem error={failure} />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button" disabled={sending}>
              {sending ? t('fiu.upload.sending') : t('fiu.upload.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <div aria-live="polite">
        {done && (
          <Success>
            {t('fiu.upload.done', {
              reference: done.batch.reference,
              count: done.batch.rowCount,
              signals: done.signals.length,
            })}
          </Success>
        )}
        {report && <Problem error={report} title={t('fiu.upload.refused')} />}
      </div>
      {done && done.signals.length > 0 && (
        <section className="kp-panel" aria-labelledby="fiu-signals">
          <Heading2 id="fiu-signals">{t('fiu.upload.signals')}</Heading2>
          <DataTable<FiuSignal>
            caption={t('fiu.upload.signals')}
            captionHidden
            columns={[
              { header: t('fiu.upload.account'), cell: (s) => s.account, rowHeader: true },
              { header: t('fiu.upload.holder'), cell: (s) => s.holder },
              {
                header: t('fiu.upload.reasons'),
                cell: (s) => (
                  <ul className="kp-reasons">
                    {s.reasons.map((r) => (
                      <li key={r.rule}>{r.label[language === 'en' ? 'en' : 'nl']}</li>
                    ))}
                  </ul>
                ),
              },
              { header: t('fiu.upload.signal'), cell: (s) => <code>{s.signalId}</code> },
            ]}
            rows={done.signals}
            rowKey={(s) => s.signalId}
          />
        </section>
      )}
      {report && (
        <section className="kp-panel" aria-labelledby="fiu-report">
          <Heading2 id="fiu-report">{t('feeds.publish.report')}</Heading2>
          <DataTable<ApiErrorDetail>
            caption={t('feeds.publish.report')}
            captionHidden
            columns={[
              { header: t('feeds.publish.line'), cell: (d) => d.line ?? '', rowHeader: true },
              { header: t('feeds.publish.column'), cell: (d) => d.column ?? d.field ?? '' },
              { header: t('feeds.publish.problem'), cell: (d) => d.message },
            ]}
            rows={report.details}
            rowKey={(d, i) => `${d.line}-${d.column}-${i}`}
          />
        </section>
      )}
      <section className="kp-panel" aria-labelledby="fiu-batches">
        <Heading2 id="fiu-batches">{t('fiu.batches.title')}</Heading2>
        <Problem error={batches.error} />
        <DataTable<Batch>
          caption={t('fiu.batches.title')}
          captionHidden
          columns={[
            { header: t('fiu.upload.reference'), cell: (b) => b.reference, rowHeader: true },
            { header: t('fiu.batches.rows'), cell: (b) => b.rowCount },
            { header: t('fiu.batches.signals'), cell: (b) => b.signalCount ?? 0 },
            { header: t('fiu.batches.uploadedAt'), cell: (b) => new Date(b.uploadedAt).toLocaleString() },
          ]}
          rows={batches.data ?? []}
          rowKey={(b) => b.id}
          empty={t('fiu.batches.empty')}
        />
      </section>
    </>
  );
}
