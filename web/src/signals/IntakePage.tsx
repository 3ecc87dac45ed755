import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { COUNTRY_CODES, countryName } from '../../../src/domain/countries.ts';
import { EXPLOITATION_FORMS } from '../../../src/domain/forms.ts';
import { MUNICIPALITIES } from '../../../src/domain/municipalities.ts';
import { CHANNELS, GENDERS, HANDLE_PLATFORMS, PERSON_ROLE_LABELS } from '../../../src/signals/vocabulary.ts';
import { ApiError, api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { useErrorFocus } from '../focusError.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useAuthenticated } from '../session.tsx';
import {
  deleteDraft,
  emptyCompany,
  emptyDraft,
  emptyPerson,
  errorField,
  isEmptyDraft,
  loadDraft,
  type PersonDraft,
  type SignalDraft,
  saveDraft,
  toPayload,
} from './draft.ts';
import { Choice, fieldId, LongText, Text } from './fields.tsx';
import { IndicatorPicker } from './IndicatorPicker.tsx';

interface Receipt {
  id: string;
  receivedAt: string;
  created: boolean;
}

type Errors = Map<string, string[]>;

/**
 * The visible name of the field an error belongs to, e.g. "Persoon 1 – BSN", read from the form itself so the
 * summary says what the user sees; undefined when the field is not on the page.
 */
function fieldName(path: string): string | undefined {
  const id = fieldId(path);
  const element = document.getElementById(id);
  if (!element) return undefined;
  const own =
    element.tagName === 'FIELDSET'
      ? element.querySelector('legend')?.textContent
      : document.querySelector(`label[for="${id}"]`)?.textContent;
  const group = element.closest('.kp-subform')?.querySelector('legend')?.textContent;
  const name = own?.replace(/\s*\*$/, '').trim();
  if (!name) return undefined;
  return group && group !== own ? `${group} – ${name}` : name;
}

/** "Signaal melden": every field of a signal, a local draft, errors beside their fields, and the receipt. */
export function IntakePage() {
  const { t, language, dateTime } = useI18n();
  const session = useAuthenticated();
  const userId = session.user.id;
  const [draft, setDraft] = useState<SignalDraft>(() => loadDraft(userId) ?? emptyDraft());
  const [restored] = useState(() => loadDraft(userId) !== null);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [draftDeleted, setDraftDeleted] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  // The error summary sits above the form and the other failure inside it: the page is the container.
  const errorFocus = useErrorFocus<HTMLDivElement>();
  // A second click arrives before React re-renders the disabled button: guard with a ref.
  const inFlight = useRef(false);

  useEffect(() => {
    // Any change makes it another submission; an unchanged retry or double click keeps the key.
    idempotencyKey.current = null;
    if (isEmptyDraft(draft)) deleteDraft(userId);
    else saveDraft(userId, draft);
  }, [draft, userId]);

  const byField: Errors = useMemo(() => {
    const map: Errors = new Map();
    for (const error of errors) {
      const field = errorField(error.field);
      map.set(field, [...(map.get(field) ?? []), error.message]);
    }
    return map;
  }, [errors]);
  const err = (path: string) => byField.get(path)?.join(' ');

  const update = (change: Partial<SignalDraft>) => {
    setDraftDeleted(false);
    setDraft((current) => ({ ...current, ...change }));
  };
  const updatePerson = (index: number, change: Partial<PersonDraft>) =>
    update({ persons: draft.persons.map((p, i) => (i === index ? { ...p, ...change } : p)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setFailure(null);
    idempotencyKey.current ??= crypto.randomUUID();
    try {
      const result = await api<Receipt>('POST', '/signals', {
        purpose: 'signal_intake',
        body: toPayload(draft),
        headers: { 'idempotency-key': idempotencyKey.current },
      });
      deleteDraft(userId);
      setErrors([]);
      setReceipt(result);
    } catch (error) {
      if (error instanceof ApiError && error.details.some((d) => d.field)) {
        setErrors(error.details.map((d) => ({ field: d.field ?? '', message: d.message })));
      } else {
        setErrors([]);
        setFailure(error);
      }
      errorFocus.refused();
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const countries = useMemo(
    () =>
      [...COUNTRY_CODES]
        .map((code) => ({ value: code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );
  const municipalities = useMemo(
    () =>
      [...MUNICIPALITIES]
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map((m) => ({ value: m.cbsCode, label: `${m.name} (${m.cbsCode})` })),
    [],
  );

  if (receipt) {
    return (
      <>
        <PageHeading title={t('signals.intake.title')}>{t('signals.intake.receivedTitle')}</PageHeading>
        <Alert type="ok" role="status">
          <Paragraph>
            {t('signals.intake.received', { id: receipt.id, at: dateTime(receipt.receivedAt) })}
          </Paragraph>
        </Alert>
        <Paragraph>
          {t('signals.intake.receiptId')} <strong className="kp-mono">{receipt.id}</strong>
        </Paragraph>
        <Paragraph>{t('signals.intake.draftCleared')}</Paragraph>
        <ButtonGroup className="kp-form-actions">
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setDraft(emptyDraft());
              setReceipt(null);
            }}
          >
            {t('signals.intake.another')}
          </Button>
          <RouterLink href="/mijn-meldingen" className="utrecht-link">
            {t('nav.signalsMine')}
          </RouterLink>
        </ButtonGroup>
      </>
    );
  }

  const label = (value: { nl: string; en: string }) => value[language];
  return (
    <div ref={errorFocus.ref}>
      <PageHeading title={t('signals.intake.title')}>{t('signals.intake.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('signals.intake.lead')}</Paragraph>
      <Alert type="info">
        <Paragraph>
          {restored && !draftDeleted ? `${t('signals.draft.restored')} ` : ''}
          {t('signals.draft.notice')}
        </Paragraph>
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              deleteDraft(userId);
              setDraft(emptyDraft());
              setErrors([]);
              setDraftDeleted(true);
            }}
          >
            {t('signals.draft.delete')}
          </Button>
        </ButtonGroup>
        {draftDeleted && <Paragraph role="status">{t('signals.draft.deleted')}</Paragraph>}
      </Alert>

      {errors.length > 0 && (
        <div
          tabIndex={-1}
          data-error-summary=""
          className="kp-error-summary"
          role="alert"
          aria-labelledby="signal-error-summary"
        >
          <Heading2 id="signal-error-summary">
            {t('signals.intake.errorSummary', { count: errors.length })}
          </Heading2>
          <UnorderedList>
            {errors.map((error) => (
              <UnorderedListItem key={`${error.field}:${error.message}`}>
                <a className="utrecht-link" href={`#${fieldId(errorField(error.field))}`}>
                  {fieldName(errorField(error.field)) ?? error.field}: {error.message}
                </a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </div>
      )}

      <form noValidate onSubmit={(event) => void submit(event)} aria-describedby="signal-required-note">
        <Paragraph id="signal-required-note">{t('signals.intake.requiredNote')}</Paragraph>
        <section className="kp-panel" aria-labelledby="sec-what">
          <Heading2 id="sec-what">{t('signals.intake.what')}</Heading2>
          <Choice
            id={fieldId('channel')}
            label={t('signals.field.channel')}
            value={draft.channel}
            options={CHANNELS.map((c) => ({ value: c, label: t(`signals.channel.${c}` as MessageKey) }))}
            error={err('channel')}
            onValue={(channel) => update({ channel })}
          />
          <Text
            id={fieldId('externalReference')}
            label={t('signals.field.externalReference')}
            description={t('signals.field.externalReferenceHelp')}
            value={draft.externalReference}
            error={err('externalReference')}
            onValue={(externalReference) => update({ externalReference })}
          />
          <Text
            id={fieldId('observedAt')}
            type="date"
            label={t('signals.field.observedAt')}
            value={draft.observedAt}
            error={err('observedAt')}
            onValue={(observedAt) => update({ observedAt })}
          />
          <Fieldset
            id={fieldId('forms')}
            invalid={Boolean(err('forms'))}
            aria-describedby={err('forms') ? 'forms-error' : undefined}
          >
            <FieldsetLegend>{t('signals.field.forms')} *</FieldsetLegend>
            {err('forms') && <FormFieldErrorMessage id="forms-error">{err('forms')}</FormFieldErrorMessage>}
            {EXPLOITATION_FORMS.map((form) => (
              <FormFieldCheckbox
                key={form.code}
                name="forms"
                value={form.code}
                label={label(form.label)}
                checked={draft.forms.includes(form.code)}
                onChange={(event) =>
                  update({
                    forms: event.currentTarget.checked
                      ? [...draft.forms, form.code]
                      : draft.forms.filter((f) => f !== form.code),
                  })
                }
              />
            ))}
          </Fieldset>
          <IndicatorPicker
            value={draft.indicators}
            error={err('indicators')}
            onChange={(indicators) => update({ indicators })}
          />
          <LongText
            id={fieldId('narrative')}
            label={t('signals.field.narrative')}
            description={t('signals.field.narrativeHelp')}
            rows={6}
            value={draft.narrative}
            error={err('narrative')}
            onValue={(narrative) => update({ narrative })}
          />
        </section>

        <section className="kp-panel" aria-labelledby="sec-where">
          <Heading2 id="sec-where">{t('signals.intake.where')}</Heading2>
          <Choice
            id={fieldId('location.country')}
            label={t('signals.field.country')}
            value={draft.location.country}
            options={countries}
            error={err('location.country')}
            onValue={(country) => update({ location: { ...draft.location, country } })}
          />
          {draft.location.country === 'NL' && (
            <div className="kp-grid">
              <Choice
                id={fieldId('location.municipality')}
                label={t('signals.field.municipality')}
                value={draft.location.municipality}
                empty={t('signals.field.notGiven')}
                options={municipalities}
                error={err('location.municipality')}
                onValue={(municipality) => update({ location: { ...draft.location, municipality } })}
              />
              <Text
                id={fieldId('location.postcode')}
                label={t('signals.field.postcode')}
                description={t('signals.field.postcodeHelp')}
                value={draft.location.postcode}
                autoComplete="off"
                error={err('location.postcode')}
                onValue={(postcode) => update({ location: { ...draft.location, postcode } })}
              />
            </div>
          )}
          <div className="kp-grid">
            <Text
              id={fieldId('location.street')}
              label={t('signals.field.street')}
              value={draft.location.street}
              error={err('location.street')}
              onValue={(street) => update({ location: { ...draft.location, street } })}
            />
            <Text
              id={fieldId('location.houseNumber')}
              label={t('signals.field.houseNumber')}
              value={draft.location.houseNumber}
              error={err('location.houseNumber')}
              onValue={(houseNumber) => update({ location: { ...draft.location, houseNumber } })}
            />
            <Text
              id={fieldId('location.city')}
              label={t('signals.field.city')}
              value={draft.location.city}
              error={err('location.city')}
              onValue={(city) => update({ location: { ...draft.location, city } })}
            />
          </div>
        </section>

        <section className="kp-panel" aria-labelledby="sec-persons">
          <Heading2 id="sec-persons">{t('signals.intake.persons')}</Heading2>
          <Paragraph>{t('signals.intake.personsHelp')}</Paragraph>
          {draft.persons.map((person, index) => {
            const p = (name: string) => `persons.${index}.${name}`;
            const n = index + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: persons have no id before they are stored
              <Fieldset key={index} className="kp-subform">
                <FieldsetLegend>{t('signals.intake.person', { n })}</FieldsetLegend>
                <div className="kp-grid">
                  <Choice
                    id={fieldId(p('role'))}
                    label={t('signals.field.role')}
                    required
                    value={person.role}
                    options={Object.entries(PERSON_ROLE_LABELS).map(([value, l]) => ({
                      value,
                      label: label(l),
                    }))}
                    error={err(p('role'))}
                    onValue={(role) => updatePerson(index, { role })}
                  />
                  <Text
                    id={fieldId(p('givenNames'))}
                    label={t('signals.field.givenNames')}
                    value={person.givenNames}
                    error={err(p('givenNames'))}
                    onValue={(givenNames) => updatePerson(index, { givenNames })}
                  />
                  <Text
                    id={fieldId(p('prefix'))}
                    label={t('signals.field.prefix')}
                    description={t('signals.field.prefixHelp')}
                    value={person.prefix}
                    error={err(p('prefix'))}
                    onValue={(prefix) => updatePerson(index, { prefix })}
                  />
                  <Text
                    id={fieldId(p('surname'))}
                    label={t('signals.field.surname')}
                    value={person.surname}
                    error={err(p('surname'))}
                    onValue={(surname) => updatePerson(index, { surname })}
                  />
                  <Text
                    id={fieldId(p('dateOfBirth'))}
                    type="date"
                    label={t('signals.field.dateOfBirth')}
                    value={person.dateOfBirth}
                    error={err(p('dateOfBirth'))}
                    onValue={(dateOfBirth) => updatePerson(index, { dateOfBirth })}
                  />
                  <Text
                    id={fieldId(p('birthYear'))}
                    label={t('signals.field.birthYear')}
                    description={t('signals.field.birthYearHelp')}
                    inputMode="numeric"
                    value={person.birthYear}
                    error={err(p('birthYear'))}
                    onValue={(birthYear) => updatePerson(index, { birthYear })}
                  />
                  <Choice
                    id={fieldId(p('gender'))}
                    label={t('signals.field.gender')}
                    value={person.gender}
                    empty={t('signals.field.notGiven')}
                    options={GENDERS.map((g) => ({
                      value: g,
                      label: t(`signals.gender.${g}` as MessageKey),
                    }))}
                    error={err(p('gender'))}
                    onValue={(gender) => updatePerson(index, { gender })}
                  />
                  <Choice
                    id={fieldId(p('nationality'))}
                    label={t('signals.field.nationality')}
                    value={person.nationality}
                    empty={t('signals.field.notGiven')}
                    options={countries}
                    error={err(p('nationality'))}
                    onValue={(nationality) => updatePerson(index, { nationality })}
                  />
                  <LongText
                    id={fieldId(p('phones'))}
                    label={t('signals.field.phones')}
                    description={t('signals.field.onePerLine')}
                    rows={2}
                    value={person.phones}
                    error={err(p('phones'))}
                    onValue={(phones) => updatePerson(index, { phones })}
                  />
                  <LongText
                    id={fieldId(p('emails'))}
                    label={t('signals.field.emails')}
                    description={t('signals.field.onePerLine')}
                    rows={2}
                    value={person.emails}
                    error={err(p('emails'))}
                    onValue={(emails) => updatePerson(index, { emails })}
                  />
                  <Text
                    id={fieldId(p('bsn'))}
                    label={t('signals.field.bsn')}
                    description={t('signals.field.bsnHelp')}
                    inputMode="numeric"
                    value={person.bsn}
                    error={err(p('bsn'))}
                    onValue={(bsn) => updatePerson(index, { bsn })}
                  />
                </div>
                <Button
                  appearance="subtle-button"
                  onClick={() => update({ persons: draft.persons.filter((_, i) => i !== index) })}
                >
                  {t('signals.intake.removePerson', { n })}
                </Button>
              </Fieldset>
            );
          })}
          <Button
            appearance="secondary-action-button"
            onClick={() => update({ persons: [...draft.persons, emptyPerson()] })}
          >
            {t('signals.intake.addPerson')}
          </Button>
        </section>

        <section className="kp-panel" aria-labelledby="sec-companies">
          <Heading2 id="sec-companies">{t('signals.intake.companies')}</Heading2>
          {draft.companies.map((company, index) => {
            const p = (name: string) => `companies.${index}.${name}`;
            const set = (change: Partial<typeof company>) =>
              update({
                companies: draft.companies.map((c, i) => (i === index ? { ...c, ...change } : c)),
              });
            const n = index + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: companies have no id before they are stored
              <Fieldset key={index} className="kp-subform">
                <FieldsetLegend>{t('signals.intake.company', { n })}</FieldsetLegend>
                <div className="kp-grid">
                  <Text
                    id={fieldId(p('name'))}
                    label={t('signals.field.companyName')}
                    required
                    value={company.name}
                    error={err(p('name'))}
                    onValue={(name) => set({ name })}
                  />
                  <Text
                    id={fieldId(p('kvk'))}
                    label={t('signals.field.kvk')}
                    description={t('signals.field.kvkHelp')}
                    inputMode="numeric"
                    value={company.kvk}
                    error={err(p('kvk'))}
                    onValue={(kvk) => set({ kvk })}
                  />
                  <Text
                    id={fieldId(p('street'))}
                    label={t('signals.field.street')}
                    value={company.street}
                    error={err(p('street'))}
                    onValue={(street) => set({ street })}
                  />
                  <Text
                    id={fieldId(p('houseNumber'))}
                    label={t('signals.field.houseNumber')}
                    value={company.houseNumber}
                    error={err(p('houseNumber'))}
                    onValue={(houseNumber) => set({ houseNumber })}
                  />
                  <Text
                    id={fieldId(p('postcode'))}
                    label={t('signals.field.postcode')}
                    value={company.postcode}
                    error={err(p('postcode'))}
                    onValue={(postcode) => set({ postcode })}
                  />
                  <Text
                    id={fieldId(p('city'))}
                    label={t('signals.field.city')}
                    value={company.city}
                    error={err(p('city'))}
                    onValue={(city) => set({ city })}
                  />
                </div>
                <Button
                  appearance="subtle-button"
                  onClick={() => update({ companies: draft.companies.filter((_, i) => i !== index) })}
                >
                  {t('signals.intake.removeCompany', { n })}
                </Button>
              </Fieldset>
            );
          })}
          <Button
            appearance="secondary-action-button"
            onClick={() => update({ companies: [...draft.companies, emptyCompany()] })}
          >
            {t('signals.intake.addCompany')}
          </Button>
        </section>

        <section className="kp-panel" aria-labelledby="sec-identifiers">
          <Heading2 id="sec-identifiers">{t('signals.intake.identifiers')}</Heading2>
          {draft.vehicles.map((vehicle, index) => {
            const n = index + 1;
            const set = (change: Partial<typeof vehicle>) =>
              update({ vehicles: draft.vehicles.map((v, i) => (i === index ? { ...v, ...change } : v)) });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: vehicles have no id before they are stored
              <Fieldset key={index} className="kp-subform">
                <FieldsetLegend>{t('signals.intake.vehicle', { n })}</FieldsetLegend>
                <div className="kp-grid">
                  <Text
                    id={fieldId(`vehicles.${index}.plate`)}
                    label={t('signals.field.plate')}
                    required
                    value={vehicle.plate}
                    error={err(`vehicles.${index}.plate`)}
                    onValue={(plate) => set({ plate })}
                  />
                  <Choice
                    id={fieldId(`vehicles.${index}.country`)}
                    label={t('signals.field.plateCountry')}
                    value={vehicle.country}
                    options={countries}
                    error={err(`vehicles.${index}.country`)}
                    onValue={(country) => set({ country })}
                  />
                </div>
                <Button
                  appearance="subtle-button"
                  onClick={() => update({ vehicles: draft.vehicles.filter((_, i) => i !== index) })}
                >
                  {t('signals.intake.removeVehicle', { n })}
                </Button>
              </Fieldset>
            );
          })}
          <Button
            appearance="secondary-action-button"
            onClick={() => update({ vehicles: [...draft.vehicles, { plate: '', country: 'NL' }] })}
          >
            {t('signals.intake.addVehicle')}
          </Button>
          <LongText
            id={fieldId('urls')}
            label={t('signals.field.urls')}
            description={t('signals.field.onePerLine')}
            rows={3}
            value={draft.urls}
            error={err('urls')}
            onValue={(urls) => update({ urls })}
          />
          {draft.handles.map((handle, index) => {
            const n = index + 1;
            const set = (change: Partial<typeof handle>) =>
              update({ handles: draft.handles.map((h, i) => (i === index ? { ...h, ...change } : h)) });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: handles have no id before they are stored
              <Fieldset key={index} className="kp-subform">
                <FieldsetLegend>{t('signals.intake.handle', { n })}</FieldsetLegend>
                <div className="kp-grid">
                  <Choice
                    id={fieldId(`handles.${index}.platform`)}
                    label={t('signals.field.platform')}
                    value={handle.platform}
                    options={HANDLE_PLATFORMS.map((value) => ({ value, label: value }))}
                    error={err(`handles.${index}.platform`)}
                    onValue={(platform) => set({ platform })}
                  />
                  <Text
                    id={fieldId(`handles.${index}.handle`)}
                    label={t('signals.field.handle')}
                    required
                    value={handle.handle}
                    error={err(`handles.${index}.handle`)}
                    onValue={(value) => set({ handle: value })}
                  />
                </div>
                <Button
                  appearance="subtle-button"
                  onClick={() => update({ handles: draft.handles.filter((_, i) => i !== index) })}
                >
                  {t('signals.intake.removeHandle', { n })}
                </Button>
              </Fieldset>
            );
          })}
          <Button
            appearance="secondary-action-button"
            onClick={() => update({ handles: [...draft.handles, { platform: 'instagram', handle: '' }] })}
          >
            {t('signals.intake.addHandle')}
          </Button>
        </section>

        <Problem error={failure} />
        <ButtonGroup className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" disabled={sending} aria-disabled={sending}>
            {sending ? t('signals.intake.sending') : t('signals.intake.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
