import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { careApi, type Match, registrationApi, today } from './api.ts';
import { useCode } from './labels.ts';
import { TrajectorySection } from './TrajectorySection.tsx';

const GENDERS = ['female', 'male', 'x', 'unknown'];
const IMMIGRATION = ['third_country', 'eu', 'dutch', 'asylum_seeker', 'dublin_claimant', 'unknown'];
const NEEDS = [
  '',
  'mild_intellectual_disability',
  'psychiatric',
  'addiction',
  'pregnancy_or_children',
  'medical',
];

/** The care coordinator's page: clients, one client file, placement requests with matching, reflection clocks. */
export function CarePage() {
  const { t } = useI18n();
  const v = useCode();
  const clients = useLoad(() => careApi.clients(), 'clients');
  const clocks = useLoad(() => careApi.clocks(), 'clocks');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <PageHeading title={t('module.care.title')}>{t('module.care.title')}</PageHeading>
      <Paragraph>{t('module.care.text')}</Paragraph>
      <NewClient
        onCreated={(id) => {
          setSelected(id);
          void clients.reload();
        }}
      />
      <Heading2>{t('care.clients')}</Heading2>
      <Problem error={clients.error} />
      {clients.data ? (
        <DataTable
          caption={t('care.clientsCaption')}
          rows={clients.data}
          rowKey={(row) => row.id}
          empty={t('care.noClients')}
          columns={[
            {
              header: t('care.alias'),
              rowHeader: true,
              cell: (row) => [row.alias, row.givenNames, row.surname].filter(Boolean).join(' '),
            },
            { header: t('care.gender'), cell: (row) => v(row.gender) },
            { header: t('care.nationality'), cell: (row) => row.nationality ?? '' },
            {
              header: <span className="kp-visually-hidden">{t('care.open')}</span>,
              cell: (row) => (
                <Button appearance="subtle-button" onClick={() => setSelected(row.id)}>
                  {t('care.open')} <span className="kp-visually-hidden">{row.alias ?? row.surname}</span>
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {selected ? (
        <ClientFile
          key={selected}
          id={selected}
          onChanged={() => {
            void clocks.reload();
          }}
        />
      ) : null}
      <Heading2>{t('care.clocks')}</Heading2>
      <Problem error={clocks.error} />
      {clocks.data ? (
        <DataTable
          caption={t('care.clocks')}
          captionHidden
          rows={clocks.data}
          rowKey={(row) => row.id}
          empty={t('care.noneClocks')}
          columns={[
            { header: t('care.clock'), rowHeader: true, cell: (row) => v(row.clock?.status) },
            { header: t('care.deadline'), cell: (row) => row.endsOn ?? '' },
            { header: t('care.daysLeft'), cell: (row) => (row.clock?.daysLeft ?? '').toString() },
          ]}
        />
      ) : null}
    </>
  );
}

function NewClient({ onCreated }: { onCreated(id: string): void }) {
  const { t } = useI18n();
  const v = useCode();
  const [alias, setAlias] = useState('');
  const [age, setAge] = useState('');
  const [gender, setGender] = useState('female');
  const [nationality, setNationality] = useState('');
  const [immigration, setImmigration] = useState('third_country');
  const [need, setNeed] = useState('');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field?.startsWith(field) ? error.message : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const created = await careApi.createClient({
        source: 'direct',
        alias: alias || undefined,
        estimatedAge: age ? Number(age) : undefined,
        gender,
        nationality: nationality || undefined,
        immigrationStatus: immigration,
        needs: need ? [need] : [],
        exploitationPlaces: place ? [{ municipalityCode: place }] : undefined,
      });
      setError(null);
      setAlias('');
      onCreated(created.id);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-client">
      <Heading2 id="new-client">{t('care.newClient')}</Heading2>
      <Problem error={error} />
      <TextField label={t('care.alias')} value={alias} onValue={setAlias} error={fieldError('alias')} />
      <TextField
        label={t('care.estimatedAge')}
        value={age}
        onValue={setAge}
        inputMode="numeric"
        error={fieldError('estimatedAge')}
      />
      <SelectField
        label={t('care.gender')}
        value={gender}
        onValue={setGender}
        options={GENDERS.map((value) => ({ value, label: v(value) }))}
      />
      <TextField
        label={t('care.nationality')}
        value={nationality}
        onValue={setNationality}
        error={fieldError('nationality')}
      />
      <SelectField
        label={t('care.immigration')}
        value={immigration}
        onValue={setImmigration}
        options={IMMIGRATION.map((value) => ({ value, label: v(value) }))}
      />
      <SelectField
        label={t('care.need')}
        value={need}
        onValue={setNeed}
        options={NEEDS.map((value) => ({ value, label: value ? v(value) : '—' }))}
      />
      <TextField
        label={t('care.exploitedIn')}
        value={place}
        onValue={setPlace}
        error={fieldError('exploitationPlaces')}
      />
      <Button type="submit" appearance="primary-action-button">
        {t('care.take')}
      </Button>
    </form>
  );
}

function ClientFile({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t } = useI18n();
  const v = useCode();
  const file = useLoad(() => careApi.client(id), id);
  const requests = useLoad(() => careApi.requests(), `requests-${id}`);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  async function act(work: () => Promise<unknown>, message: string) {
    try {
      await work();
      setError(null);
      setDone(message);
      await Promise.all([file.reload(), requests.reload()]);
      onChanged();
    } catch (failure) {
      setError(failure);
      setDone('');
    }
  }
  const client = file.data;
  const mine = (requests.data ?? []).filter((request) => request.clientId === id);
  return (
    <section aria-labelledby="client-file">
      <Heading2 id="client-file">
        {t('care.file')}:{' '}
        {client ? [client.alias, client.givenNames, client.surname].filter(Boolean).join(' ') : ''}
      </Heading2>
      <Problem error={file.error ?? error} />
      {done ? <Success>{done}</Success> : null}
      {client ? (
        <>
          <Heading3>{t('care.consents')}</Heading3>
          <ul>
            {(client.consents ?? []).map((consent) => (
              <li key={consent.id}>
                {v(consent.scope)} – {consent.givenOn} ({v(consent.how)})
                {consent.withdrawnOn ? ` – ${consent.withdrawnOn}` : ''}
              </li>
            ))}
          </ul>
          <Button
            onClick={() =>
              act(
                () => careApi.consent(id, { scope: 'placement', givenOn: today(), how: 'verbal' }),
                t('care.consentRecorded'),
              )
            }
          >
            {t('care.consentPlacement')}
          </Button>
          <ButtonGroup>
            <Button
              onClick={() =>
                act(
                  () =>
                    careApi.consent(id, { scope: 'comensha_registration', givenOn: today(), how: 'verbal' }),
                  t('care.consentRecorded'),
                )
              }
            >
              {t('care.reg.consent')}
            </Button>
            <Button
              onClick={() =>
                act(
                  () => registrationApi.register({ clientId: id, registeredOn: today() }),
                  t('care.reg.done'),
                )
              }
            >
              {t('care.reg.fromFile')}
            </Button>
          </ButtonGroup>
          <Heading3>{t('care.reflection')}</Heading3>
          {client.reflectionPeriod ? (
            <Paragraph>
              {t('care.clock')}: {v(client.reflectionPeriod.clock?.status)}
              {client.reflectionPeriod.endsOn
                ? ` – ${t('care.deadline')} ${client.reflectionPeriod.endsOn}`
                : ''}
            </Paragraph>
          ) : (
            <Paragraph>{t('care.reflectionNone')}</Paragraph>
          )}
          <ButtonGroup>
            <Button
              onClick={() =>
                act(() => careApi.reflection(id, { action: 'offer', offeredOn: today() }), t('care.done'))
              }
            >
              {t('care.offer')}
            </Button>
            <Button
              onClick={() =>
                act(() => careApi.reflection(id, { action: 'start', startedOn: today() }), t('care.done'))
              }
            >
              {t('care.start')}
            </Button>
          </ButtonGroup>
          <TrajectorySection clientId={id} />
          <Heading3>{t('care.placements')}</Heading3>
          <Button
            appearance="primary-action-button"
            onClick={() => act(() => careApi.fileRequest(id), t('care.requestFiled'))}
          >
            {t('care.fileRequest')}
          </Button>
          {mine.map((request) => (
            <PlacementRequest
              key={request.id}
              id={request.id}
              state={request.state ?? ''}
              waiting={request.waitingDays ?? 0}
              onChanged={() => void requests.reload()}
            />
          ))}
        </>
      ) : null}
    </section>
  );
}

function PlacementRequest({
  id,
  state,
  waiting,
  onChanged,
}: {
  id: string;
  state: string;
  waiting: number;
  onChanged(): void;
}) {
  const { t, language } = useI18n();
  const v = useCode();
  const [match, setMatch] = useState<Match | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function run(work: () => Promise<void>) {
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <div className="kp-care-request">
      <Paragraph>
        {t('care.state')}: <strong data-state={state}>{v(state)}</strong> – {t('care.waiting')}: {waiting}
      </Paragraph>
      <Problem error={error} />
      {state === 'open' || state === 'declined' ? (
        <Button onClick={() => run(async () => setMatch(await careApi.matches(id)))}>
          {t('care.showMatches')}
        </Button>
      ) : null}
      {state === 'admitted' ? (
        <Button onClick={() => run(async () => setAddress((await careApi.safeAddress(id)).address))}>
          {t('care.showSafeAddress')}
        </Button>
      ) : null}
      {address ? (
        <Paragraph>
          {t('care.safeAddress')}: <span data-testid="safe-address">{address}</span>
        </Paragraph>
      ) : null}
      {match ? (
        <DataTable
          caption={t('care.matches')}
          rows={match.ranked}
          rowKey={(row) => row.placeId}
          empty="—"
          columns={[
            {
              header: t('care.location'),
              rowHeader: true,
              cell: (row) => `${row.place.organisation ?? ''} – ${row.place.location ?? ''}`,
            },
            { header: t('care.kind'), cell: (row) => v(row.place.kind) },
            { header: t('care.score'), cell: (row) => String(row.score) },
            {
              header: t('care.reasons'),
              cell: (row) => row.reasons.map((reason) => reason.label[language]).join('; '),
            },
            {
              header: <span className="kp-visually-hidden">{t('care.propose')}</span>,
              cell: (row) => (
                <Button
                  onClick={() =>
                    run(async () => {
                      await careApi.transition(id, { action: 'propose', placeId: row.placeId });
                      setMatch(null);
                      onChanged();
                    })
                  }
                >
                  {t('care.propose')} <span className="kp-visually-hidden">{row.place.location}</span>
                </Button>
              ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
