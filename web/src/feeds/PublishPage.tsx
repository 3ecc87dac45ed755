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

interface Version {
  id: string;
  version: number;
  source: string;
  rowCount: number;
  publishedAt: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PURPOSE = 'administrative_enforcement';

/** The Inspectie's publisher: upload a new version of the Wav list, its validation report, every version. */
export function PublishPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [contact, setContact] = useState('');
  const [retention, setRetention] = useState('36');
  const [done, setDone] = useState<Version | null>(null);
  const [report, setReport] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const versions = useLoad(
    () => api<Version[]>('GET', '/feeds/wav/versions', { purpose: PURPOSE }),
    'wav-versions',
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
      const version = await api<Version>('POST', '/feeds/wav/versions/upload', {
        purpose: PURPOSE,
        query: { contactPoint: contact, retentionMonths: retention },
        raw: { body: await file.arrayBuffer(), contentType: isXlsx ? XLSX : 'text/csv' },
      });
      setDone(version);
      await versions.reload();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setReport(error);
      else setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageHeading title={t('feeds.publish.title')}>{t('feeds.publish.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('feeds.publish.lead')}</Paragraph>
      <section className="kp-panel" aria-labelledby="wav-upload">
        <Heading2 id="wav-upload">{t('feeds.publish.submit')}</Heading2>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <FileField
            label={t('feeds.publish.file')}
            description={t('feeds.publish.fileHelp')}
            accept=".csv,.xlsx,text/csv"
            onFile={setFile}
          />
          <TextField
            name="contactPoint"
            label={t('feeds.publish.contact')}
            description={t('feeds.publish.contactHelp')}
            value={contact}
            onValue={setContact}
          />
          <TextField
            name="retentionMonths"
            label={t('feeds.publish.retention')}
            inputMode="numeric"
            value={retention}
            onValue={setRetention}
          />
          <Problem error={failure} />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button" disabled={sending}>
              {sending ? t('feeds.publish.sending') : t('feeds.publish.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <div aria-live="polite">
        {done && (
          <Success>{t('feeds.publish.done', { version: done.version, count: done.rowCount })}</Success>
        )}
        {report && <Problem error={report} title={t('feeds.publish.refused')} />}
      </div>
      {report && (
        <section className="kp-panel" aria-labelledby="wav-report">
          <Heading2 id="wav-report">{t('feeds.publish.report')}</Heading2>
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
      <section className="kp-panel" aria-labelledby="wav-versions">
        <Heading2 id="wav-versions">{t('feeds.versions.title')}</Heading2>
        <Problem error={versions.error} />
        <DataTable<Version>
          caption={t('feeds.versions.title')}
          captionHidden
          columns={[
            { header: t('feeds.versions.version'), cell: (v) => v.version, rowHeader: true },
            { header: t('feeds.versions.rows'), cell: (v) => v.rowCount },
            { header: t('feeds.versions.source'), cell: (v) => v.source },
            {
              header: t('feeds.versions.publishedAt'),
              cell: (v) => new Date(v.publishedAt).toLocaleString(),
            },
          ]}
          rows={versions.data ?? []}
          rowKey={(v) => v.id}
          empty={t('feeds.versions.empty')}
        />
      </section>
    </>
  );
}
