import { Alert, Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { type Column, DataTable } from '../components/DataTable.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import {
  DECISIONS,
  type FoundPerson,
  LEGAL_GROUNDS,
  privacyApi,
  type SearchResult,
  type SubjectRequest,
} from './api.ts';
import { usePrivacyLabel, usePrivacyText } from './PrivacyPage.tsx';

const SEARCH_FIELDS = ['bsn', 'givenNames', 'prefix', 'surname', 'dateOfBirth'] as const;

/** One request: find the subject, attach the persons, and restrict, erase, report, extend or decide. */
export function RequestPanel({ request, onChanged }: { request: SubjectRequest; onChanged(): void }) {
  const p = usePrivacyText();
  const { dateOnly, number } = useI18n();
  const label = usePrivacyLabel();
  const [query, setQuery] = useState<Record<string, string>>({});
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;

  async function run(work: () => Promise<string | null>) {
    try {
      const done = await work();
      setError(null);
      setMessage(done);
      onChanged();
    } catch (failure) {
      setError(failure);
      setMessage(null);
    }
  }

  function search(event: FormEvent) {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== ''));
    void run(async () => {
      setResult(await privacyApi.search(request.id, body));
      return null;
    });
  }

  async function download() {
    const report = await privacyApi.report(request.id);
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `inzage-${request.reference}.json`;
    link.click();
    URL.revokeObjectURL(url);
    return null;
  }

  // A possible match is shown apart, never hidden: "nothing held" is a legal answer to a citizen.
  const certain = result?.persons.filter((person) => person.match.certainty !== 'possible') ?? [];
  const possible = result?.persons.filter((person) => person.match.certainty === 'possible') ?? [];
  const columns: Column<FoundPerson>[] = [
    {
      header: p('surname'),
      rowHeader: true,
      cell: (person) =>
        [person.data.givenNames, person.data.prefix, person.data.surname].filter(Boolean).join(' '),
    },
    {
      header: p('dateOfBirth'),
      cell: (person) =>
        person.data.dateOfBirth
          ? dateOnly(person.data.dateOfBirth)
          : person.data.birthYear
            ? p('yearOnly', { year: String(person.data.birthYear) })
            : p('none'),
    },
    { header: p('bsn'), cell: (person) => person.data.bsn ?? p('none') },
    { header: p('role'), cell: (person) => label('personRole', person.role) },
    {
      header: p('match'),
      cell: (person) =>
        `${label('matchedOn', person.match.by)} (${
          person.match.certainty === 'possible'
            ? p('possibleScore', { percent: number(Math.round((person.match.score ?? 0) * 100)) })
            : p('certain')
        })`,
    },
    { header: p('signal'), cell: (person) => <code>{person.signalId.slice(0, 8)}</code> },
    {
      header: <span className="kp-visually-hidden">{p('attach')}</span>,
      cell: (person) =>
        request.personIds.includes(person.personId) ? (
          p('attached')
        ) : (
          <Button
            appearance="secondary-action-button"
            onClick={() =>
              void run(async () => {
                await privacyApi.attach(request.id, [person.personId]);
                return null;
              })
            }
          >
            {p('attach')}
          </Button>
        ),
    },
  ];

  return (
    <section aria-labelledby="request-heading">
      <Heading2 id="request-heading">{p('selected', { reference: request.reference })}</Heading2>
      {message ? <Success>{message}</Success> : null}
      {error && !(error instanceof ApiError && error.field) ? <Problem error={error} /> : null}

      <form onSubmit={search} noValidate aria-labelledby="search-heading">
        <Heading3 id="search-heading">{p('search')}</Heading3>
        <Paragraph>{p('searchHelp')}</Paragraph>
        {SEARCH_FIELDS.map((field) => (
          <TextField
            key={field}
            name={field}
            label={p(field)}
            value={query[field] ?? ''}
            onValue={(value) => setQuery({ ...query, [field]: value })}
            error={fieldError(field)}
            autoComplete="off"
          />
        ))}
        <Button type="submit" appearance="primary-action-button">
          {p('doSearch')}
        </Button>
      </form>

      {result ? (
        <>
          {certain.length > 0 || possible.length === 0 ? (
            <>
              <Heading3>{p('results')}</Heading3>
              <DataTable
                caption={p('results')}
                captionHidden
                rows={certain}
                rowKey={(person) => person.personId}
                empty={p('noResults')}
                columns={columns}
              />
            </>
          ) : null}
          {possible.length > 0 ? (
            <>
              <Heading3>{p('possibleResults')}</Heading3>
              <Alert type="warning">
                <Paragraph>{p(certain.length > 0 ? 'possibleHelpToo' : 'possibleHelp')}</Paragraph>
              </Alert>
              <DataTable
                caption={p('possibleResults')}
                captionHidden
                rows={possible}
                rowKey={(person) => person.personId}
                columns={columns}
              />
            </>
          ) : null}
          {result.otherOrganisations.length > 0 ? (
            <Alert type="info">
              <Heading3>{p('others')}</Heading3>
              <ul>
                {result.otherOrganisations.map((other) => (
                  <li key={`${other.organisationId}-${other.matchedOn}`}>
                    {other.organisation} ({label('matchedOn', other.matchedOn)}) —{' '}
                    {other.contacts.length > 0
                      ? p('contacts', { contacts: other.contacts.join(', ') })
                      : p('noContacts')}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </>
      ) : null}

      <Heading3>{p('actions')}</Heading3>
      <Paragraph>{p('persons', { count: request.personIds.length })}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={() => void run(download)}>
          {p('report')}
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={request.personIds.length === 0}
          onClick={() =>
            void run(async () => {
              await privacyApi.restrict(request.id, false);
              return p('restricted');
            })
          }
        >
          {p('restrict')}
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={request.personIds.length === 0}
          onClick={() =>
            void run(async () => {
              await privacyApi.restrict(request.id, true);
              return p('lifted');
            })
          }
        >
          {p('lift')}
        </Button>
        <Button
          appearance="secondary-action-button"
          disabled={request.personIds.length === 0}
          onClick={() => {
            if (!window.confirm(p('confirmErase'))) return;
            void run(async () => {
              const done = await privacyApi.erase(request.id);
              return p('erased', { count: done.erased.length, refused: done.refused.length });
            });
          }}
        >
          {p('erase')}
        </Button>
      </ButtonGroup>
      {request.status !== 'decided' ? <Decide request={request} run={run} fieldError={fieldError} /> : null}
    </section>
  );
}

function Decide({
  request,
  run,
  fieldError,
}: {
  request: SubjectRequest;
  run(work: () => Promise<string | null>): Promise<void>;
  fieldError(field: string): string | undefined;
}) {
  const p = usePrivacyText();
  const [months, setMonths] = useState('2');
  const [extendReason, setExtendReason] = useState('');
  const [decision, setDecision] = useState<string>('granted');
  const [reason, setReason] = useState('');
  const [legalGround, setLegalGround] = useState('');
  return (
    <>
      {request.extendedUntil ? null : (
        <form
          noValidate
          aria-labelledby="extend-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await privacyApi.extend(request.id, Number(months), extendReason);
              return p('extended');
            });
          }}
        >
          <Heading3 id="extend-heading">{p('extend')}</Heading3>
          <SelectField
            label={p('months')}
            value={months}
            onValue={setMonths}
            options={[
              { value: '1', label: '1' },
              { value: '2', label: '2' },
            ]}
          />
          <TextField name="extendReason" label={p('reason')} value={extendReason} onValue={setExtendReason} />
          <Button type="submit" appearance="secondary-action-button">
            {p('extend')}
          </Button>
        </form>
      )}
      <form
        noValidate
        aria-labelledby="decide-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await privacyApi.decide(request.id, {
              decision,
              reason,
              ...(legalGround ? { legalGround } : {}),
            });
            return p('decided');
          });
        }}
      >
        <Heading3 id="decide-heading">{p('decide')}</Heading3>
        <SelectField
          label={p('decision')}
          value={decision}
          onValue={setDecision}
          options={DECISIONS.map((value) => ({ value, label: p(`decision.${value}`) }))}
        />
        <TextField
          name="reason"
          label={p('reason')}
          value={reason}
          onValue={setReason}
          error={fieldError('reason')}
        />
        <SelectField
          label={p('legalGround')}
          value={legalGround}
          onValue={setLegalGround}
          options={[
            { value: '', label: p('none') },
            ...LEGAL_GROUNDS.map((value) => ({ value, label: value })),
          ]}
        />
        {fieldError('legalGround') ? <Alert type="error">{fieldError('legalGround')}</Alert> : null}
        <Button type="submit" appearance="primary-action-button">
          {p('decide')}
        </Button>
      </form>
    </>
  );
}
