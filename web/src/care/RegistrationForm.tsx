import { Button, Checkbox, FormField, FormLabel, Heading2 } from '@utrecht/component-library-react';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api.ts';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useI18n } from '../i18n/index.tsx';
import { registrationApi, today } from './api.ts';
import { useCode } from './labels.ts';

const SEXES = ['female', 'male', 'x'];
const FORMS = ['sexual', 'labour', 'criminal', 'organ_removal', 'other'];
const EXPLOITED_IN = ['netherlands', 'abroad', 'both'];
const REPORTING = [
  'police_unit',
  'kmar',
  'labour_inspectorate',
  'care_coordination',
  'shelter',
  'municipality',
  'ngo',
  'youth_care',
  'public_prosecution',
  'other',
];

/**
 * The form to register a possible victim with CoMensha. The registrar names who reported it; a shelter
 * registers as itself. Name and date of birth go to the server only to be encoded (never stored).
 */
export function RegistrationForm({ registrar, onDone }: { registrar: boolean; onDone(): void }) {
  const { t } = useI18n();
  const v = useCode();
  const estimatedId = useId();
  const [reporting, setReporting] = useState('police_unit');
  const [registeredOn, setRegisteredOn] = useState(today());
  const [sex, setSex] = useState('female');
  const [age, setAge] = useState('');
  const [estimated, setEstimated] = useState(false);
  const [nationality, setNationality] = useState('');
  const [form, setForm] = useState('sexual');
  const [exploitedIn, setExploitedIn] = useState('netherlands');
  const [givenNames, setGivenNames] = useState('');
  const [surname, setSurname] = useState('');
  const [born, setBorn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field?.startsWith(field) ? error.message : undefined;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await registrationApi.register({
        ...(registrar ? { reportingOrgType: reporting } : {}),
        registeredOn,
        sex,
        ...(age === '' ? {} : { age: Number(age) }),
        ageEstimated: estimated,
        ...(nationality === '' ? {} : { nationality: nationality.trim().toUpperCase() }),
        forms: [form],
        exploitedIn,
        identity: {
          ...(givenNames ? { givenNames } : {}),
          ...(surname ? { surname } : {}),
          ...(/^\d{4}$/.test(born.trim())
            ? { birthYear: Number(born.trim()) }
            : born
              ? { dateOfBirth: born.trim() }
              : {}),
        },
      });
      setError(null);
      setDone(true);
      // The identity leaves the browser's memory as soon as it is sent.
      setGivenNames('');
      setSurname('');
      setBorn('');
      onDone();
    } catch (failure) {
      setError(failure);
      setDone(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="registration-form" autoComplete="off">
      <Heading2 id="registration-form">{t('care.reg.new')}</Heading2>
      <Problem error={error instanceof ApiError && error.field ? null : error} />
      {done ? <Success>{t('care.reg.done')}</Success> : null}
      {registrar ? (
        <SelectField
          label={t('care.reg.reportingOrgType')}
          value={reporting}
          onValue={setReporting}
          options={REPORTING.map((value) => ({ value, label: v(value) }))}
        />
      ) : null}
      <TextField
        label={t('care.reg.registeredOn')}
        value={registeredOn}
        onValue={setRegisteredOn}
        error={fieldError('registeredOn')}
      />
      <SelectField
        label={t('care.reg.sex')}
        value={sex}
        onValue={setSex}
        options={SEXES.map((value) => ({ value, label: v(value) }))}
      />
      <TextField
        label={t('care.reg.age')}
        value={age}
        onValue={setAge}
        inputMode="numeric"
        error={fieldError('age')}
      />
      <FormField
        type="checkbox"
        label={<FormLabel htmlFor={estimatedId}>{t('care.reg.ageEstimated')}</FormLabel>}
        input={
          <Checkbox
            id={estimatedId}
            checked={estimated}
            onChange={(event) => setEstimated(event.currentTarget.checked)}
          />
        }
      />
      <TextField
        label={t('care.reg.nationality')}
        value={nationality}
        onValue={setNationality}
        error={fieldError('nationality')}
      />
      <SelectField
        label={t('care.reg.form')}
        value={form}
        onValue={setForm}
        options={FORMS.map((value) => ({ value, label: v(value) }))}
      />
      <SelectField
        label={t('care.reg.exploitedIn')}
        value={exploitedIn}
        onValue={setExploitedIn}
        options={EXPLOITED_IN.map((value) => ({ value, label: v(value) }))}
      />
      <TextField label={t('care.reg.givenNames')} value={givenNames} onValue={setGivenNames} />
      <TextField
        label={t('care.reg.surname')}
        value={surname}
        onValue={setSurname}
        error={fieldError('identity')}
      />
      <TextField label={t('care.reg.dateOfBirth')} value={born} onValue={setBorn} />
      <Button type="submit" appearance="primary-action-button">
        {t('care.reg.submit')}
      </Button>
    </form>
  );
}
