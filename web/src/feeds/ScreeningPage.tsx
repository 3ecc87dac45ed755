import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { FileField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';

interface Result {
  applicationRef: string;
  verdict: 'hit' | 'possible' | 'none';
  score: number | null;
  reasons: string[];
  contact: { organisation: string; contactPoint: string; reference: string } | null;
}

const PURPOSE = 'visa_screening';
const VERDICT = {
  hit: 'feeds.screen.hit',
  possible: 'feeds.screen.possible',
  none: 'feeds.screen.none',
} as const;

/** The visa desk: screen one application's referent or a CSV of applications; only outcomes and contact points. */
export function ScreeningPage() {
  const { t } = useI18n();
  const [form, setForm] = useState({ id: '', name: '', kvk: '', postcode: '', houseNumber: '', city: '' });
  const [file, setFile] = useState<File | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const run = async (request: () => Promise<{ results: Result[] }>) => {
    setFailure(null);
    setSending(true);
    try {
      setResults((await request()).results);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };
  const screenOne = (event: FormEvent) => {
    event.preventDefault();
    const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
    void run(() =>
      api('POST', '/feeds/screenings', {
        purpose: PURPOSE,
        body: {
          applications: [
            {
              id: form.id.trim(),
              referentName: form.name.trim(),
              referentKvk: optional(form.kvk),
              postcode: optional(form.postcode),
              houseNumber: optional(form.houseNumber),
              city: optional(form.city),
            },
          ],
        },
      }),
    );
  };
  const screenBatch = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFailure(new ApiError(400, 'file_missing', t('feeds.publish.noFile'), 'file'));
      return;
    }
    const body = await file.arrayBuffer();
    void run(() =>
      api('POST', '/feeds/screenings/batch', { purpose: PURPOSE, raw: { body, contentType: 'text/csv' } }),
    );
  };

  return (
    <>
      <PageHeading title={t('feeds.screen.title')}>{t('feeds.screen.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('feeds.screen.lead')}</Paragraph>
      <section className="kp-panel" aria-labelledby="screen-one">
        <Heading2 id="screen-one">{t('feeds.screen.one')}</Heading2>
        <form noValidate onSubmit={screenOne}>
          <TextField name="id" label={t('feeds.screen.application')} value={form.id} onValue={set('id')} />
          <TextField
            name="referentName"
            label={t('feeds.screen.name')}
            value={form.name}
            onValue={set('name')}
          />
          <TextField name="referentKvk" label={t('feeds.screen.kvk')} value={form.kvk} onValue={set('kvk')} />
          <TextField
            name="postcode"
            label={t('feeds.screen.postcode')}
            value={form.postcode}
            onValue={set('postcode')}
          />
          <TextField
            name="houseNumber"
            label={t('feeds.screen.houseNumber')}
            value={form.houseNumber}
            onValue={set('houseNumber')}
          />
          <TextField name="city" label={t('feeds.screen.city')} value={form.city} onValue={set('city')} />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button" disabled={sending}>
              {t('feeds.screen.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <section className="kp-panel" aria-labelledby="screen-batch">
        <Heading2 id="screen-batch">{t('feeds.screen.batch')}</Heading2>
        <form noValidate onSubmit={(event) => void screenBatch(event)}>
          <FileField
            label={t('feeds.publish.file')}
            description={t('feeds.screen.batchHelp')}
            accept=".csv,text/csv"
            onFile={setFile}
          />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="secondary-action-button" disabled={sending}>
              {t('feeds.screen.submitBatch')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <div aria-live="polite">
        <Problem error={failure} />
      </div>
      {results && (
        <section className="kp-panel" aria-labelledby="screen-results">
          <Heading2 id="screen-results">{t('feeds.screen.results')}</Heading2>
          <DataTable<Result>
            caption={t('feeds.screen.results')}
            captionHidden
            columns={[
              { header: t('feeds.screen.application'), cell: (r) => r.applicationRef, rowHeader: true },
              { header: t('feeds.screen.verdict'), cell: (r) => t(VERDICT[r.verdict]) },
              { header: t('feeds.screen.score'), cell: (r) => (r.score === null ? '' : r.score.toFixed(2)) },
              { header: t('feeds.screen.reasons'), cell: (r) => r.reasons.join('; ') },
              {
                header: t('feeds.screen.contact'),
                cell: (r) =>
                  r.contact
                    ? `${r.contact.organisation}: ${r.contact.contactPoint} (${r.contact.reference})`
                    : '',
              },
            ]}
            rows={results}
            rowKey={(r, i) => `${r.applicationRef}-${i}`}
          />
        </section>
      )}
    </>
  );
}
