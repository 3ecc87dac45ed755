import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ORG_TYPE_LABELS, type OrgType } from '../../../src/access/roles.ts';
import { ApiError, api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';

interface Organisation {
  id: string;
  name: string;
  type: OrgType;
  cbsCode: string | null;
  region: string | null;
  contactMailbox?: string | null;
  contactPhone?: string | null;
}

const purpose = 'administration';

export function OrganisationPage() {
  const { t, language } = useI18n();
  const { user } = useAuthenticated();
  const {
    data: org,
    error,
    setData,
  } = useLoad(
    () => api<Organisation>('GET', `/organisations/${user.organisation.id}`, { purpose }),
    user.organisation.id,
  );
  const [name, setName] = useState('');
  const [region, setRegion] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [phone, setPhone] = useState('');
  const [contactErrors, setContactErrors] = useState<{ contactMailbox?: string; contactPhone?: string }>({});
  const mailboxRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!org) return;
    setName(org.name);
    setRegion(org.region ?? '');
    setMailbox(org.contactMailbox ?? '');
    setPhone(org.contactPhone ?? '');
  }, [org]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setSaveError(null);
    if (name.trim().length < 2) {
      setNameError(t('org.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    setContactErrors({});
    setBusy(true);
    try {
      const updated = await api<Organisation>('PATCH', `/organisations/${user.organisation.id}`, {
        purpose,
        body: {
          name: name.trim(),
          region: region.trim() || null,
          contactMailbox: mailbox.trim() || null,
          contactPhone: phone.trim() || null,
        },
      });
      setData(updated);
      setSaved(true);
    } catch (failure) {
      if (failure instanceof ApiError && failure.field === 'name') {
        setNameError(failure.message);
        nameRef.current?.focus();
      } else if (
        failure instanceof ApiError &&
        (failure.field === 'contactMailbox' || failure.field === 'contactPhone')
      ) {
        setContactErrors({ [failure.field]: failure.message });
        (failure.field === 'contactMailbox' ? mailboxRef : phoneRef).current?.focus();
      } else setSaveError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('org.title')}>{t('org.title')}</PageHeading>
      <Problem error={error} />
      {org && (
        <>
          <section className="kp-panel" aria-labelledby="org-details">
            <Heading2 id="org-details">{t('org.details')}</Heading2>
            <DataList>
              <DataListItem>
                <DataListKey>{t('org.name')}</DataListKey>
                <DataListValue>{org.name}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('org.type')}</DataListKey>
                <DataListValue>{ORG_TYPE_LABELS[org.type]?.[language] ?? org.type}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('org.cbs')}</DataListKey>
                <DataListValue>{org.cbsCode ?? t('org.none')}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('org.region')}</DataListKey>
                <DataListValue>{org.region ?? t('org.none')}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('org.contactMailbox')}</DataListKey>
                <DataListValue>{org.contactMailbox ?? t('org.none')}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('org.contactPhone')}</DataListKey>
                <DataListValue>{org.contactPhone ?? t('org.none')}</DataListValue>
              </DataListItem>
            </DataList>
          </section>
          <section className="kp-panel" aria-labelledby="org-edit">
            <Heading2 id="org-edit">{t('org.edit')}</Heading2>
            {saved && <Success>{t('org.saved')}</Success>}
            <Problem error={saveError} />
            <form noValidate onSubmit={save}>
              <TextField
                label={t('org.name')}
                name="name"
                required
                maxLength={200}
                value={name}
                onValue={setName}
                error={nameError}
                inputRef={nameRef}
              />
              <TextField
                label={t('org.region')}
                name="region"
                maxLength={100}
                value={region}
                onValue={setRegion}
              />
              <fieldset className="kp-fieldset">
                <legend>{t('org.contact')}</legend>
                <Paragraph>{t('org.contactHelp')}</Paragraph>
                <TextField
                  label={t('org.contactMailbox')}
                  name="contactMailbox"
                  type="email"
                  autoComplete="off"
                  maxLength={320}
                  value={mailbox}
                  onValue={setMailbox}
                  error={contactErrors.contactMailbox}
                  inputRef={mailboxRef}
                />
                <TextField
                  label={t('org.contactPhone')}
                  description={t('org.contactPhoneHelp')}
                  name="contactPhone"
                  type="tel"
                  autoComplete="off"
                  maxLength={30}
                  value={phone}
                  onValue={setPhone}
                  error={contactErrors.contactPhone}
                  inputRef={phoneRef}
                />
              </fieldset>
              <div className="kp-form-actions">
                <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                  {t('org.save')}
                </Button>
              </div>
            </form>
          </section>
        </>
      )}
      {!org && !error && <Paragraph role="status">{t('app.loading')}</Paragraph>}
    </>
  );
}
