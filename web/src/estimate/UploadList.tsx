import { Button, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { encodeList } from '../../../src/linkage/pprl/encodeList.ts';
import { ApiError, api } from '../api.ts';
import { Problem } from '../components/Problem.tsx';
import { useI18n } from '../i18n/index.tsx';
import { purpose } from './api.ts';
import { FileField } from './fields.tsx';

/** As the command line reads it: a trailing newline from an editor is not part of the key. */
function secretBytes(buffer: ArrayBuffer): Uint8Array {
  const bytes = new Uint8Array(buffer);
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return bytes.subarray(0, end);
}

function put(roundId: string, list: string, body: string) {
  return api<{ records: number; complete: boolean }>(
    'PUT',
    `/estimation-rounds/${roundId}/lists/${encodeURIComponent(list)}`,
    { purpose, raw: { body, contentType: 'application/x-ndjson' } },
  );
}

/**
 * A partner's upload of its own list: either a .clk.jsonl made with `pprl encode`, or a person list
 * (CSV) and the shared secret, encoded right here in the browser. Only the encodings are sent.
 */
export function UploadList(props: {
  roundId: string;
  list: string;
  strata: string[];
  onUploaded(message: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [encoded, setEncoded] = useState<File | null>(null);
  const [csv, setCsv] = useState<File | null>(null);
  const [secret, setSecret] = useState<File | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (make: () => Promise<string>) => {
    setFailure(null);
    setBusy(true);
    try {
      const body = await make();
      const result = await put(props.roundId, props.list, body);
      // The form goes once the list is in, so the confirmation is shown by the round.
      await props.onUploaded(t('rounds.uploadDone', { list: props.list, count: result.records }));
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(400, 'encode', (error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const uploadFile = () =>
    run(async () => {
      if (!encoded) throw new Error(t('rounds.chooseEncoded'));
      return encoded.text();
    });
  const encodeHere = () =>
    run(async () => {
      if (!csv || !secret) throw new Error(t('rounds.chooseCsvAndSecret'));
      const key = secretBytes(await secret.arrayBuffer());
      if (key.length < 32) throw new Error(t('rounds.secretTooShort', { bytes: key.length }));
      return encodeList(await csv.text(), key, { list: props.list, strata: props.strata }).join('\n');
    });

  return (
    <section className="kp-panel" aria-labelledby={`upload-${props.list}`}>
      <Heading3 id={`upload-${props.list}`}>{t('rounds.uploadTitle', { list: props.list })}</Heading3>
      <Problem error={failure} />
      <Paragraph>
        {t('rounds.encodeLead', { list: props.list, strata: props.strata.join(',') || '–' })}
      </Paragraph>
      <FileField
        label={t('rounds.csvFile')}
        description={t('rounds.csvFileHelp')}
        accept=".csv,text/csv"
        onFile={setCsv}
      />
      <FileField
        label={t('rounds.secretFile')}
        description={t('rounds.secretFileHelp')}
        accept="*"
        onFile={setSecret}
      />
      <div className="kp-form-actions">
        <Button appearance="primary-action-button" disabled={busy} onClick={() => void encodeHere()}>
          {t('rounds.encodeAndUpload')}
        </Button>
      </div>
      <Paragraph>{t('rounds.orEncoded', { list: props.list })}</Paragraph>
      <FileField
        label={t('rounds.encodedFile')}
        accept=".jsonl,.clk.jsonl,application/x-ndjson"
        onFile={setEncoded}
      />
      <div className="kp-form-actions">
        <Button appearance="secondary-action-button" disabled={busy} onClick={() => void uploadFile()}>
          {t('rounds.uploadEncoded')}
        </Button>
      </div>
    </section>
  );
}
