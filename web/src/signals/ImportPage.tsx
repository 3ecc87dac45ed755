import {
  Button,
  ButtonGroup,
  FormFieldCheckbox,
  Heading2,
  Link,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError, type ApiErrorDetail, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { FileField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { signalPath } from './api.ts';

interface ImportResult {
  imported: { line: number; id: string }[];
  rejected: ApiErrorDetail[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bulk import: the template, the upload, the full validation report and the "only the valid rows" choice. */
export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [validOnly, setValidOnly] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [report, setReport] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setReport(null);
    setFailure(null);
    if (!file) {
      setFailure(new ApiError(400, 'file_missing', t('signals.import.noFile'), 'file'));
      return;
    }
    setSending(true);
    try {
      const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
      const answer = await api<ImportResult>('POST', '/signals/import', {
        purpose: 'signal_intake',
        query: { mode: validOnly ? 'valid_only' : 'all_or_nothing', filename: file.name },
        raw: { body: await file.arrayBuffer(), contentType: isXlsx ? XLSX : 'text/csv' },
      });
      setResult(answer);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setReport(error);
      else setFailure(error);
    } finally {
      setSending(false);
    }
  };

  const rows = result?.rejected ?? report?.details ?? [];
  return (
    <>
      <PageHeading title={t('signals.import.title')}>{t('signals.import.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('signals.import.lead')}</Paragraph>
      <section className="kp-panel" aria-labelledby="import-template">
        <Heading2 id="import-template">{t('signals.import.template')}</Heading2>
        <Paragraph>{t('signals.import.templateHelp')}</Paragraph>
        <UnorderedList>
          <UnorderedListItem>
            <Link href="/api/v1/signals/import/template?format=csv" download>
              {t('signals.import.templateCsv')}
            </Link>
          </UnorderedListItem>
          <UnorderedListItem>
            <Link href="/api/v1/signals/import/template?format=xlsx" download>
              {t('signals.import.templateXlsx')}
            </Link>
          </UnorderedListItem>
        </UnorderedList>
      </section>
      <section className="kp-panel" aria-labelledby="import-upload">
        <Heading2 id="import-upload">{t('signals.import.upload')}</Heading2>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <FileField
            label={t('signals.import.file')}
            description={t('signals.import.fileHelp')}
            accept=".csv,.xlsx,text/csv"
            onFile={setFile}
          />
          <FormFieldCheckbox
            name="validOnly"
            label={t('signals.import.validOnly')}
            description={t('signals.import.validOnlyHelp')}
            checked={validOnly}
            onChange={(event) => setValidOnly(event.currentTarget.checked)}
          />
          <Problem error={failure} />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button" disabled={sending}>
              {sending ? t('signals.import.sending') : t('signals.import.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <div aria-live="polite">
        {result && (
          <Success>
            {t('signals.import.done', { count: result.imported.length, rejected: rows.length })}
          </Success>
        )}
        {report && <Problem error={report} title={t('signals.import.refused')} />}
      </div>
      {result && result.imported.length > 0 && (
        <section className="kp-panel" aria-labelledby="import-imported">
          <Heading2 id="import-imported">{t('signals.import.imported')}</Heading2>
          <UnorderedList>
            {result.imported.map((row) => (
              <UnorderedListItem key={row.id}>
                {t('signals.import.line', { line: row.line })}:{' '}
                <RouterLink className="utrecht-link kp-mono" href={signalPath(row.id, 'mine')}>
                  {row.id}
                </RouterLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      {rows.length > 0 && (
        <section className="kp-panel" aria-labelledby="import-report">
          <Heading2 id="import-report">{t('signals.import.report')}</Heading2>
          <DataTable
            caption={t('signals.import.reportCaption', { count: rows.length })}
            rows={rows}
            // One line can have the same problem twice, so only the place in the report is unique.
            rowKey={(_, index) => index}
            columns={[
              { header: t('signals.import.lineHeader'), cell: (row) => row.line ?? '–', rowHeader: true },
              {
                header: t('signals.import.column'),
                cell: (row) => row.column ?? row.field ?? '–',
                className: 'kp-mono',
              },
              { header: t('signals.import.reason'), cell: (row) => row.message },
            ]}
          />
        </section>
      )}
    </>
  );
}
