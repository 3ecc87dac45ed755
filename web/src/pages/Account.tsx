import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Link,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useI18n } from '../i18n/index.tsx';
import { roleLabel } from '../modules.ts';
import { useAuthenticated, useSession } from '../session.tsx';

const MIN_PASSWORD = 12;

export function AccountPage() {
  const { t } = useI18n();
  const { user } = useAuthenticated();
  return (
    <>
      <PageHeading title={t('account.title')}>{t('account.title')}</PageHeading>
      <section className="kp-panel" aria-labelledby="account-details">
        <Heading2 id="account-details">{t('account.details')}</Heading2>
        <DataList>
          <DataListItem>
            <DataListKey>{t('account.name')}</DataListKey>
            <DataListValue>{user.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.email')}</DataListKey>
            <DataListValue>{user.email}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.organisation')}</DataListKey>
            <DataListValue>{user.organisation.name}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('account.roles')}</DataListKey>
            <DataListValue>{user.roles.map((role) => t(roleLabel(role))).join(', ')}</DataListValue>
          </DataListItem>
        </DataList>
      </section>
      <ChangePassword />
      <TwoStep />
    </>
  );
}

/**
 * What a user with an open account step sees instead of the app (issue 19, item 12): first a password of
 * their own when someone else set it, then two-step verification when their role requires it. The server
 * answers nothing else until both are done; the session refresh then opens the app.
 */
export function AccountStepsPage() {
  const { t } = useI18n();
  const { user } = useAuthenticated();
  return (
    <>
      <PageHeading title={t('acct.stepsTitle')}>{t('acct.stepsTitle')}</PageHeading>
      {user.mustChangePassword ? (
        <>
          <Paragraph className="kp-lead">{t('acct.stepPassword')}</Paragraph>
          <ChangePassword />
        </>
      ) : (
        <>
          <Paragraph className="kp-lead">{t('acct.stepTotp')}</Paragraph>
          <TwoStep />
        </>
      )}
    </>
  );
}

type PasswordField = 'current' | 'next' | 'repeat';

function ChangePassword() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [values, setValues] = useState<Record<PasswordField, string>>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const refs = {
    current: useRef<HTMLInputElement>(null),
    next: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    const found: Partial<Record<PasswordField, string>> = {};
    if (!values.current) found.current = t('account.currentRequired');
    if (values.next.length < MIN_PASSWORD) found.next = t('account.nextTooShort');
    else if (values.next !== values.repeat) found.repeat = t('account.repeatMismatch');
    setErrors(found);
    const first = (['current', 'next', 'repeat'] as PasswordField[]).find((field) => found[field]);
    if (first) return refs[first].current?.focus();
    setBusy(true);
    try {
      await api('POST', '/auth/password', { body: { current: values.current, next: values.next } });
      setValues({ current: '', next: '', repeat: '' });
      setDone(true);
      // A forced change is done now: the session says so, and the app opens.
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && (error.field === 'current' || error.field === 'next')) {
        setErrors({ [error.field]: error.message });
        refs[error.field].current?.focus();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: PasswordField, label: string, autoComplete: string, description?: string) => (
    <TextField
      label={label}
      description={description}
      name={name}
      type="password"
      autoComplete={autoComplete}
      required
      value={values[name]}
      onValue={(value) => setValues({ ...values, [name]: value })}
      error={errors[name]}
      inputRef={refs[name]}
    />
  );

  return (
    <section className="kp-panel" aria-labelledby="account-password">
      <Heading2 id="account-password">{t('account.password')}</Heading2>
      {done && <Success>{t('account.passwordChanged')}</Success>}
      <Problem error={failure} />
      <form noValidate onSubmit={submit}>
        {field('current', t('account.current'), 'current-password')}
        {field('next', t('account.next'), 'new-password', t('account.nextHelp'))}
        {field('repeat', t('account.repeat'), 'new-password')}
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('account.changePassword')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function TwoStep() {
  const { t } = useI18n();
  const { user } = useAuthenticated();
  const { refresh } = useSession();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const start = async () => {
    setFailure(null);
    try {
      setEnrolment(await api<{ secret: string; uri: string }>('POST', '/auth/totp/setup', { body: {} }));
    } catch (error) {
      setFailure(error);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!enrolment) return;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError(t('account.totpCodeInvalid'));
      return codeRef.current?.focus();
    }
    setCodeError(undefined);
    if (!password) {
      setPasswordError(t('account.currentRequired'));
      return passwordRef.current?.focus();
    }
    setPasswordError(undefined);
    try {
      // The password again: a session alone must not be able to set up a second factor.
      await api('POST', '/auth/totp/enable', { body: { secret: enrolment.secret, code: digits, password } });
      setPassword('');
      setEnrolment(null);
      setDone(true);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.field === 'code') {
        setCodeError(error.message);
        codeRef.current?.focus();
      } else if (error instanceof ApiError && error.field === 'password') {
        setPasswordError(error.message);
        passwordRef.current?.focus();
      } else setFailure(error);
    }
  };

  return (
    <section className="kp-panel" aria-labelledby="account-totp">
      <Heading2 id="account-totp">{t('account.totp')}</Heading2>
      {done && <Success>{t('account.totpEnabled')}</Success>}
      {user.totpRequired && !user.totpEnabled && <Paragraph>{t('acct.totpRequired')}</Paragraph>}
      <Problem error={failure} />
      {user.totpEnabled ? (
        !done && <Paragraph>{t('account.totpOn')}</Paragraph>
      ) : enrolment ? (
        <form noValidate onSubmit={confirm}>
          <Paragraph>{t('account.totpStep1')}</Paragraph>
          <code className="kp-secret" data-testid="totp-secret">
            {enrolment.secret}
          </code>
          <Paragraph className="kp-break-anywhere">
            {t('account.totpUri')} <Link href={enrolment.uri}>{enrolment.uri}</Link>
          </Paragraph>
          <Paragraph>{t('account.totpStep2')}</Paragraph>
          <TextField
            label={t('account.totpCode')}
            name="code"
            autoComplete="one-time-code"
            required
            maxLength={7}
            value={code}
            onValue={setCode}
            error={codeError}
            inputRef={codeRef}
          />
          <TextField
            label={t('account.totpPassword')}
            name="totp-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={passwordError}
            inputRef={passwordRef}
          />
          <div className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button">
              {t('account.totpConfirm')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <Paragraph>{t('account.totpOff')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => void start()}>
            {t('account.totpStart')}
          </Button>
        </>
      )}
    </section>
  );
}
