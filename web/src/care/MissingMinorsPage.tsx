import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { Answer } from '../api.ts';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { useCode } from './labels.ts';

type Report = Answer<'/api/v1/care/missing-minors', 'get'>[number];
const purpose = 'care_coordination';

/** The youth care institution's missing reports (issue 16, item 6): report, the shared timeline, the return. */
export function MissingMinorsPage() {
  const { t } = useI18n();
  const v = useCode();
  const reports = useLoad(() => api<Report[]>('GET', '/care/missing-minors', { purpose }), 'missing');
  const [givenNames, setGivenNames] = useState('');
  const [surname, setSurname] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [kind, setKind] = useState('no_return_from_leave');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field?.startsWith(field) ? error.message : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const made = await api<{ risk: string }>('POST', '/care/missing-minors', {
        purpose,
        body: {
          givenNames,
          surname,
          dateOfBirth,
          kind,
          missingSince: new Date().toISOString(),
          description,
          riskFactors: [],
        },
      });
      setError(null);
      setDone(`${t('care.mm.sent')} ${v(made.risk)}`);
      await reports.reload();
    } catch (failure) {
      setError(failure);
      setDone('');
    }
  }
  async function returned(id: string) {
    try {
      await api('POST', `/care/missing-minors/${id}/events`, { purpose, body: { kind: 'returned' } });
      setError(null);
      await reports.reload();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <>
      <PageHeading title={t('module.missing_minors.title')}>{t('module.missing_minors.title')}</PageHeading>
      <Paragraph>{t('care.mm.intro')}</Paragraph>
      <form onSubmit={submit} noValidate aria-labelledby="missing-form" autoComplete="off">
        <Heading2 id="missing-form">{t('care.mm.new')}</Heading2>
        <Problem error={error instanceof ApiError && error.field ? null : error} />
        {done ? <Success>{done}</Success> : null}
        <TextField
          label={t('care.mm.givenNames')}
          value={givenNames}
          onValue={setGivenNames}
          error={fieldError('givenNames')}
        />
        <TextField
          label={t('care.mm.surname')}
          value={surname}
          onValue={setSurname}
          error={fieldError('surname')}
        />
        <TextField
          label={t('care.mm.dateOfBirth')}
          value={dateOfBirth}
          onValue={setDateOfBirth}
          error={fieldError('dateOfBirth')}
        />
        <SelectField
          label={t('care.mm.kind')}
          value={kind}
          onValue={setKind}
          options={['no_return_from_leave', 'ran_away'].map((value) => ({ value, label: v(value) }))}
        />
        <TextField
          label={t('care.mm.description')}
          value={description}
          onValue={setDescription}
          error={fieldError('description')}
        />
        <Button type="submit" appearance="primary-action-button">
          {t('care.mm.submit')}
        </Button>
      </form>
      <Heading2>{t('care.mm.list')}</Heading2>
      <Problem error={reports.error} />
      {reports.data ? (
        <DataTable
          caption={t('care.mm.list')}
          rows={reports.data}
          rowKey={(row) => row.id}
          empty={t('care.mm.none')}
          columns={[
            {
              header: t('care.mm.minor'),
              rowHeader: true,
              cell: (row) => `${row.givenNames ?? ''} ${row.surname ?? ''}`,
            },
            { header: t('care.mm.risk'), cell: (row) => `${v(row.risk)} (${row.earlierAbsences ?? 0})` },
            {
              header: t('care.state'),
              cell: (row) => <span data-missing-state={row.state}>{v(row.state)}</span>,
            },
            {
              header: t('care.mm.timeline'),
              cell: (row) =>
                (row.timeline ?? []).map((event) => `${v(event.kind)} – ${event.author}`).join('; '),
            },
            {
              header: <span className="kp-visually-hidden">{t('care.mm.returned')}</span>,
              cell: (row) =>
                row.state === 'missing' ? (
                  <Button onClick={() => returned(row.id)}>
                    {t('care.mm.returned')} <span className="kp-visually-hidden">{row.surname}</span>
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
    </>
  );
}
