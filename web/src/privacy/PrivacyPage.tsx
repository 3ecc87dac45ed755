import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { KINDS, privacyApi, type SubjectRequest } from './api.ts';
import { isPrivacyKey, type PrivacyKey, privacyText } from './messages.ts';
import { RequestPanel } from './RequestPanel.tsx';

export function usePrivacyText() {
  const { language } = useI18n();
  return (key: PrivacyKey, params?: Record<string, string | number>) => privacyText(language, key, params);
}

/** Labels a server code such as a person's role (`personRole.witness`), falling back to the code. */
export function usePrivacyLabel() {
  const { language } = useI18n();
  return (prefix: string, code: string) => {
    const key = `${prefix}.${code}`;
    return isPrivacyKey(key) ? privacyText(language, key) : code;
  };
}

/** The privacy officer's register of data-subject requests, and the handling of one request. */
export function PrivacyPage() {
  const p = usePrivacyText();
  const { dateOnly } = useI18n();
  const requests = useLoad(() => privacyApi.list(), 'requests');
  const [selected, setSelected] = useState<string | null>(null);
  const chosen = requests.data?.find((request) => request.id === selected) ?? null;
  return (
    <>
      <PageHeading title={p('title')}>{p('title')}</PageHeading>
      <Paragraph>{p('intro')}</Paragraph>
      <NewRequest
        onCreated={(created) => {
          setSelected(created.id);
          void requests.reload();
        }}
      />
      <Heading2>{p('register')}</Heading2>
      <Problem error={requests.error} />
      {requests.data ? (
        // In the shared table box: on a narrow screen the register scrolls sideways instead of off the page.
        <DataTable
          caption={p('registerCaption')}
          rows={requests.data}
          rowKey={(request) => request.id}
          empty={p('empty')}
          columns={[
            { header: p('reference'), rowHeader: true, cell: (request) => request.reference },
            { header: p('kind'), cell: (request) => p(`kind.${request.kind}`) },
            { header: p('receivedOn'), cell: (request) => dateOnly(request.receivedOn) },
            {
              header: p('deadline'),
              cell: (request) => (
                <>
                  {dateOnly(request.deadline)}
                  {request.extendedUntil
                    ? ` (${p('extendedTo', { date: dateOnly(request.extendedUntil) })})`
                    : ''}
                  {request.overdue ? <strong className="kp-overdue"> – {p('overdue')}</strong> : null}
                </>
              ),
            },
            {
              header: p('status'),
              cell: (request) =>
                `${p(`status.${request.status}`)}${request.decision ? `: ${p(`decision.${request.decision}`)}` : ''}`,
            },
            {
              header: <span className="kp-visually-hidden">{p('open')}</span>,
              cell: (request) => (
                <Button appearance="subtle-button" onClick={() => setSelected(request.id)}>
                  {p('open')} <span className="kp-visually-hidden">{request.reference}</span>
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {chosen ? (
        <RequestPanel key={chosen.id} request={chosen} onChanged={() => void requests.reload()} />
      ) : null}
    </>
  );
}

function NewRequest({ onCreated }: { onCreated(request: SubjectRequest): void }) {
  const p = usePrivacyText();
  const { dateOnly } = useI18n();
  const [kind, setKind] = useState<string>('access');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<SubjectRequest | null>(null);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const created = await privacyApi.create({ kind, reference, receivedOn });
      setError(null);
      setDone(created);
      setReference('');
      onCreated(created);
    } catch (failure) {
      setError(failure);
      setDone(null);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-request">
      <Heading2 id="new-request">{p('newRequest')}</Heading2>
      <SelectField
        label={p('kind')}
        value={kind}
        onValue={setKind}
        options={KINDS.map((value) => ({ value, label: p(`kind.${value}`) }))}
      />
      <TextField
        name="reference"
        label={p('reference')}
        description={p('referenceHelp')}
        value={reference}
        onValue={setReference}
        error={fieldError('reference')}
      />
      <TextField
        name="receivedOn"
        type="date"
        label={p('receivedOn')}
        value={receivedOn}
        onValue={setReceivedOn}
        error={fieldError('receivedOn')}
      />
      {error && !(error instanceof ApiError && error.field) ? <Problem error={error} /> : null}
      {done ? (
        <Success>{p('created', { reference: done.reference, deadline: dateOnly(done.deadline) })}</Success>
      ) : null}
      <Button type="submit" appearance="primary-action-button">
        {p('create')}
      </Button>
    </form>
  );
}
