import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useSession } from '../session.tsx';

type Field = 'email' | 'password' | 'totp';
const LOGIN_CODES = [
  'invalid_credentials',
  'locked',
  'totp_required',
  'totp_invalid',
  'disabled',
  'rate_limited',
];

export function LoginPage() {
  const { t } = useI18n();
  const { login, notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const refs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    totp: totpRef,
  };

  // The code field appears only once the server asks for it; the person is taken straight to it.
  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!email.trim()) found.email = t('login.emailRequired');
    if (!password) found.password = t('login.passwordRequired');
    if (needTotp && !/^\d{6}$/.test(totp.replace(/\s/g, ''))) found.totp = t('login.totpRequired');
    setErrors(found);
    setFailure(null);
    const first = (['email', 'password', 'totp'] as Field[]).find((field) => found[field]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password, needTotp ? totp.replace(/\s/g, '') : undefined);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === 'totp_required') {
        setNeedTotp(true);
        setErrors({ totp: t('login.error.totp_required') });
        return;
      }
      if (error instanceof ApiError && error.code === 'totp_invalid') {
        setErrors({ totp: t('login.error.totp_invalid') });
        setTotp('');
        refs.totp.current?.focus();
        return;
      }
      setFailure(error);
    }
  };

  const failureText =
    failure instanceof ApiError && LOGIN_CODES.includes(failure.code)
      ? t(`login.error.${failure.code}` as MessageKey)
      : null;

  return (
    <div className="kp-main--narrow">
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('login.lead')}</Paragraph>
      {notice && !failure && (
        <Alert type={notice === 'sessionExpired' ? 'warning' : 'info'} role="status">
          <Paragraph>{t(notice === 'sessionExpired' ? 'login.sessionExpired' : 'login.loggedOut')}</Paragraph>
        </Alert>
      )}
      {failureText ? (
        <Alert type="error" role="alert">
          <Paragraph>
            <strong>{t('login.problem')}: </strong>
            {failureText}
          </Paragraph>
        </Alert>
      ) : (
        <Problem error={failure} title={t('login.problem')} />
      )}
      <form className="kp-panel" noValidate onSubmit={submit} aria-label={t('login.title')}>
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onValue={setEmail}
          error={errors.email}
          inputRef={refs.email}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
          error={errors.password}
          inputRef={refs.password}
        />
        {needTotp && (
          <TextField
            label={t('login.totp')}
            description={t('login.totpHelp')}
            name="totp"
            type="text"
            autoComplete="one-time-code"
            required
            maxLength={7}
            value={totp}
            onValue={setTotp}
            error={errors.totp}
            inputRef={refs.totp}
          />
        )}
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </Button>
        </div>
      </form>
      <Paragraph>
        <RouterLink href="/wachtwoord-vergeten">{t('acct.forgotLink')}</RouterLink>
      </Paragraph>
    </div>
  );
}
