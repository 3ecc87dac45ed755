import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';
import { careApi, type PlaceView, type RequestView, today } from './api.ts';
import { useCode } from './labels.ts';
import { RegistrationForm } from './RegistrationForm.tsx';

const KINDS = ['categorical', 'multi_problem', 'womens_shelter', 'male_victims', 'youth_protected'];

/** The provider's page: its places (capacity, occupancy, staleness), new locations, and the proposed placements. */
export function ShelterPage() {
  const { t } = useI18n();
  const v = useCode();
  const places = useLoad(() => careApi.places(), 'places');
  const offers = useLoad(() => careApi.requests(), 'offers');
  return (
    <>
      <PageHeading title={t('module.shelter_capacity.title')}>
        {t('module.shelter_capacity.title')}
      </PageHeading>
      <Paragraph>{t('module.shelter_capacity.text')}</Paragraph>
      <Heading2>{t('care.places')}</Heading2>
      <Problem error={places.error} />
      {places.data ? (
        <DataTable
          caption={t('care.placesCaption')}
          rows={places.data}
          rowKey={(row) => row.id}
          empty={t('care.noPlaces')}
          columns={[
            {
              header: t('care.location'),
              rowHeader: true,
              cell: (row) => `${row.location ?? ''} (${row.municipalityCode ?? ''})`,
            },
            { header: t('care.kind'), cell: (row) => v(row.kind) },
            { header: t('care.capacity'), cell: (row) => String(row.capacity) },
            {
              header: t('care.occupancy'),
              cell: (row) => <Figures place={row} onSaved={() => void places.reload()} />,
            },
            {
              header: t('care.stale'),
              cell: (row) => (row.stale ? <strong>{t('care.stale')}</strong> : t('care.current')),
            },
          ]}
        />
      ) : null}
      <NewLocation onCreated={() => void places.reload()} />
      <Heading2>{t('care.offers')}</Heading2>
      <Problem error={offers.error} />
      {offers.data ? (
        <DataTable
          caption={t('care.offersCaption')}
          rows={offers.data}
          rowKey={(row) => row.id}
          empty={t('care.noOffers')}
          columns={[
            {
              header: t('care.state'),
              rowHeader: true,
              cell: (row) => <span data-state={row.state}>{v(row.state)}</span>,
            },
            { header: t('care.needs'), cell: (row) => (row.needs ?? []).map(v).join(', ') },
            { header: t('care.age'), cell: (row) => String(row.age ?? '') },
            { header: t('care.waiting'), cell: (row) => String(row.waitingDays ?? '') },
            {
              header: <span className="kp-visually-hidden">{t('care.accept')}</span>,
              cell: (row) => (
                <Steps
                  request={row}
                  onDone={() => {
                    void offers.reload();
                    void places.reload();
                  }}
                />
              ),
            },
          ]}
        />
      ) : null}
      <IncomingHandovers />
      <RegistrationForm registrar={false} onDone={() => undefined} />
    </>
  );
}

function Figures({ place, onSaved }: { place: PlaceView; onSaved(): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(place.occupancy ?? 0));
  const [error, setError] = useState<unknown>(null);
  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await careApi.updatePlace(place.id, { occupancy: Number(value) });
      setError(null);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form onSubmit={save} noValidate>
      <TextField
        label={`${t('care.occupancy')} ${place.location ?? ''} ${place.kind ?? ''}`}
        value={value}
        onValue={setValue}
        inputMode="numeric"
        error={error instanceof ApiError ? error.message : undefined}
      />
      <Button type="submit">{t('care.save')}</Button>
    </form>
  );
}

function NewLocation({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const v = useCode();
  const [name, setName] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [kind, setKind] = useState('multi_problem');
  const [capacity, setCapacity] = useState('');
  const [occupancy, setOccupancy] = useState('0');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field?.startsWith(field) ? error.message : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await careApi.createLocation({
        name,
        municipalityCode: municipality,
        places: [
          {
            kind,
            capacity: Number(capacity),
            occupancy: Number(occupancy),
            genders: ['female', 'male', 'x', 'unknown'],
            minAge: kind === 'youth_protected' ? 12 : 18,
            maxAge: kind === 'youth_protected' ? 17 : 120,
            needs: [
              'mild_intellectual_disability',
              'psychiatric',
              'addiction',
              'pregnancy_or_children',
              'medical',
            ],
          },
        ],
      });
      setError(null);
      setDone(true);
      onCreated();
    } catch (failure) {
      setError(failure);
      setDone(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-location">
      <Heading2 id="new-location">{t('care.newLocation')}</Heading2>
      <Problem error={error} />
      {done ? <Success>{t('care.saved')}</Success> : null}
      <TextField label={t('care.location')} value={name} onValue={setName} error={fieldError('name')} />
      <TextField
        label={t('care.municipality')}
        value={municipality}
        onValue={setMunicipality}
        error={fieldError('municipalityCode')}
      />
      <SelectField
        label={t('care.kind')}
        value={kind}
        onValue={setKind}
        options={KINDS.map((value) => ({ value, label: v(value) }))}
      />
      <TextField
        label={t('care.capacity')}
        value={capacity}
        onValue={setCapacity}
        inputMode="numeric"
        error={fieldError('places[0].capacity')}
      />
      <TextField
        label={t('care.occupancy')}
        value={occupancy}
        onValue={setOccupancy}
        inputMode="numeric"
        error={fieldError('places[0].occupancy')}
      />
      <Button type="submit" appearance="primary-action-button">
        {t('care.save')}
      </Button>
    </form>
  );
}

function Steps({ request, onDone }: { request: RequestView; onDone(): void }) {
  const { t } = useI18n();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function step(body: Record<string, unknown>) {
    try {
      await careApi.transition(request.id, body);
      setError(null);
      onDone();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <>
      <Problem error={error} />
      {request.state === 'proposed' ? (
        <ButtonGroup>
          <Button onClick={() => step({ action: 'accept' })}>{t('care.accept')}</Button>
          <Button onClick={() => step({ action: 'decline', reason: 'no_place' })}>{t('care.decline')}</Button>
        </ButtonGroup>
      ) : null}
      {request.state === 'accepted' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void step({ action: 'admit', admittedOn: today(), safeAddress: address });
          }}
          noValidate
        >
          <TextField label={t('care.safeAddress')} value={address} onValue={setAddress} />
          <Button type="submit">{t('care.admit')}</Button>
        </form>
      ) : null}
      {request.state === 'admitted' ? (
        <Button
          onClick={() =>
            step({ action: 'discharge', dischargedOn: today(), destination: 'independent_living' })
          }
        >
          {t('care.discharge')}
        </Button>
      ) : null}
    </>
  );
}

/** Handovers of follow-up care to this provider: what travels, and the confirmation. */
function IncomingHandovers() {
  const { t } = useI18n();
  const v = useCode();
  const handovers = useLoad(() => careApi.handovers(), 'handovers');
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Heading2>{t('care.traj.incoming')}</Heading2>
      <Problem error={handovers.error ?? error} />
      {handovers.data ? (
        <DataTable
          caption={t('care.traj.incomingCaption')}
          rows={handovers.data}
          rowKey={(row) => row.id}
          empty={t('care.traj.noIncoming')}
          columns={[
            { header: t('care.traj.phase'), rowHeader: true, cell: (row) => v(row.phase) },
            {
              header: t('care.state'),
              cell: (row) => (
                <>
                  <span data-handover-state={row.state}>{v(row.state)}</span>
                  {row.sourceErasedAt ? (
                    <span data-source-erased="true">
                      {' '}
                      {t('care.traj.sourceErased')} {row.sourceErasedAt.slice(0, 10)}
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              header: t('care.traj.carried'),
              cell: (row) =>
                Object.entries(row.payload ?? {})
                  .map(
                    ([key, value]) =>
                      `${key}: ${Array.isArray(value) ? value.map((x) => v(String(x))).join(', ') : String(value)}`,
                  )
                  .join('; '),
            },
            {
              header: <span className="kp-visually-hidden">{t('care.traj.confirm')}</span>,
              cell: (row) =>
                row.state === 'proposed' ? (
                  <Button
                    onClick={async () => {
                      try {
                        await careApi.decideHandover(row.id, { action: 'confirm_handover' });
                        setError(null);
                        await handovers.reload();
                      } catch (failure) {
                        setError(failure);
                      }
                    }}
                  >
                    {t('care.traj.confirm')}
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
    </>
  );
}
