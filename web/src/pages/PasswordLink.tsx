import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useI18n } from '../i18n/index.tsx';
import { navigate, RouterLink } from '../router.tsx';

/**
 * The pages before login of issue 19, item 12: "wachtwoord vergeten" (always the same answer, whether the
 * address has an account or not) and setting a password through a one-time link. The link's token is in the
 * URL's fragment (#token=…), which the browser never sends to a server; it is read here and removed from
 * the address bar at once, so it is not left in the history.
 */

const MIN_PASSWORD = 12;

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError(t('users.emailInvalid'));
      emailRef.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await api('POST', '/auth/password-forgotten', { body: { email: email.trim() } });
      setSentTo(email.trim());
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kp-main--narrow">
      <PageHeading title={t('acct.forgotTitle')}>{t('acct.forgotTitle')}</PageHeading>
      {sentTo ? (
        <Success>{t('acct.forgotSent', { email: sentTo })}</Success>
      ) : (
        <>
          <Paragraph className="kp-lead">{t('acct.forgotLead')}</Paragraph>
          <Problem error={failure} />
          <form className="kp-panel" noValidate onSubmit={submit} aria-label={t('acct.forgotTitle')}>
            <TextField
              label={t('login.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onValue={setEmail}
              error={error}
              inputRef={emailRef}
            />
            <div className="kp-form-actions">
              <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                {t('acct.forgotSubmit')}
              </Button>
            </div>
          </form>
        </>
      )}
      <Paragraph>
        <RouterLink href="/">{t('acct.backToLogin')}</RouterLink>
      </Paragraph>
    </div>
  );
}

/**
 * The token of the link, read once from the fragment and kept for this page load: React may render the page
 * more than once (a lazy page suspends), and the fragment is removed from the address bar after the first.
 */
let linkToken: string | null = null;
function takeToken(): string {
  if (linkToken === null) linkToken = window.location.hash.match(/token=([A-Za-z0-9_-]+)/)?.[1] ?? '';
  return linkToken;
}

type Owner = { email: string; name: string; kind: 'invite' | 'reset' };

export function SetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(takeToken);
  const [owner, setOwner] = useState<Owner | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [values, setValues] = useState({ next: '', repeat: '' });
  const [errors, setErrors] = useState<{ next?: string; repeat?: string }>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const refs = { next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  useEffect(() => {
    // Out of the address bar and the history: the link is a credential.
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setInvalid(true);
      return;
    }
    api<Owner>('POST', '/auth/password-link', { body: { token } }).then(setOwner, (caught) => {
      if (caught instanceof ApiError && (caught.status === 410 || caught.status === 400)) setInvalid(true);
      else setFailure(caught);
    });
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: { next?: string; repeat?: string } = {};
    if (values.next.length < MIN_PASSWORD) found.next = t('account.nextTooShort');
    else if (values.next !== values.repeat) found.repeat = t('account.repeatMismatch');
    setErrors(found);
    if (found.next) return refs.next.current?.focus();
    if (found.repeat) return refs.repeat.current?.focus();
    setBusy(true);
    try {
      await api('POST', '/auth/password-link/use', { body: { token, password: values.next } });
      setDone(true);
    } catch (caught) {
      if (caught instanceof ApiError && caught.field === 'password') {
        setErrors({ next: caught.message });
        refs.next.current?.focus();
      } else if (caught instanceof ApiError && caught.status === 410) setInvalid(true);
      else setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'next' | 'repeat', label: string, description?: string) => (
    <TextField
      label={label}
      description={description}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      value={values[name]}
      onValue={(value) => setValues({ ...values, [name]: value })}
      error={errors[name]}
      inputRef={refs[name]}
    />
  );

  return (
    <div className="kp-main--narrow">
      <PageHeading title={t('acct.setTitle')}>{t('acct.setTitle')}</PageHeading>
      <Problem error={failure} />
      {done ? (
        <>
          <Success>{t('acct.setDone')}</Success>
          <Button appearance="primary-action-button" onClick={() => navigate('/')}>
            {t('acct.goToLogin')}
          </Button>
        </>
      ) : invalid ? (
        <>
          <Alert type="error" role="alert">
            <Paragraph>{t('acct.setInvalid')}</Paragraph>
          </Alert>
          <Paragraph>
            <RouterLink href="/wachtwoord-vergeten">{t('acct.forgotLink')}</RouterLink>
          </Paragraph>
        </>
      ) : owner ? (
        <>
          <Paragraph className="kp-lead">
            {t(owner.kind === 'invite' ? 'acct.setLeadInvite' : 'acct.setLeadReset', {
              name: owner.name,
              email: owner.email,
            })}
          </Paragraph>
          <form className="kp-panel" noValidate onSubmit={submit} aria-label={t('acct.setTitle')}>
            {/* The account's name for password managers, not shown. */}
            <input type="hidden" name="username" autoComplete="username" value={owner.email} />
            {field('next', t('account.next'), t('account.nextHelp'))}
            {field('repeat', t('account.repeat'))}
            <div className="kp-form-actions">
              <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                {t('acct.setSubmit')}
              </Button>
            </div>
          </form>
        </>
      ) : (
        !failure && <Paragraph role="status">{t('acct.setChecking')}</Paragraph>
      )}
    </div>
  );
}
