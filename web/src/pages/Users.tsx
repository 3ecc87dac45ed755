import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem, Success } from '../components/Problem.tsx';
import { RoleCheckboxes } from '../components/RoleCheckboxes.tsx';
import { TextField } from '../components/TextField.tsx';
import { useErrorFocus } from '../focusError.ts';
import { useI18n } from '../i18n/index.tsx';
import { roleLabel } from '../modules.ts';
import { useAuthenticated } from '../session.tsx';
import { useLoad } from '../useLoad.ts';

export interface ManagedUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword?: boolean;
  lastLoginAt?: string | null;
}

/** A one-time set-password link: mailed, or (without SMTP) shown once here to pass on. */
interface AccountLink {
  link?: string;
  mailed: boolean;
  expiresAt: string;
}

/** What the admin sees once after creating a user or resetting a password (issue 19, item 12). */
function LinkNotice({ name, email, link }: { name: string; email: string; link: AccountLink }) {
  const { t, dateTime } = useI18n();
  const time = dateTime(link.expiresAt);
  if (link.mailed || !link.link) return <Paragraph>{t('users.linkMailed', { email, name, time })}</Paragraph>;
  return (
    <>
      <Paragraph>
        <strong>{t('users.linkShown')}:</strong>
      </Paragraph>
      <code className="kp-secret" data-testid="set-password-link">
        {link.link}
      </code>
      <Paragraph>{t('users.linkHelp', { name, time })}</Paragraph>
    </>
  );
}

const purpose = 'administration';
const isLocked = (user: ManagedUser) => user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();

export function UsersPage() {
  const { t } = useI18n();
  const { user: me } = useAuthenticated();
  const {
    data: users,
    error,
    reload,
  } = useLoad(() => api<ManagedUser[]>('GET', '/users', { purpose }), 'users');
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = users?.find((user) => user.id === editingId) ?? null;

  return (
    <>
      <PageHeading title={t('users.title')}>{t('users.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('users.lead', { organisation: me.organisation.name })}</Paragraph>
      <Problem error={error} />
      {users && (
        <UserTable users={users} organisation={me.organisation.name} onEdit={(id) => setEditingId(id)} />
      )}
      {editing && (
        <EditUser key={editing.id} user={editing} onChanged={reload} onClose={() => setEditingId(null)} />
      )}
      <CreateUser onCreated={reload} />
    </>
  );
}

function UserTable(props: { users: ManagedUser[]; organisation: string; onEdit(id: string): void }) {
  const { t, dateTime } = useI18n();
  return (
    <DataTable
      caption={
        <>
          {t('users.caption', { organisation: props.organisation })} (
          {t('users.count', { count: props.users.length })})
        </>
      }
      rows={props.users}
      rowKey={(user) => user.id}
      columns={[
        { header: t('users.name'), cell: (user) => user.name, rowHeader: true },
        { header: t('users.email'), cell: (user) => user.email },
        { header: t('users.roles'), cell: (user) => user.roles.map((role) => t(roleLabel(role))).join(', ') },
        {
          header: t('users.status'),
          cell: (user) => (
            <>
              {user.disabled ? (
                <span className="kp-badge-bad">{t('users.disabled')}</span>
              ) : isLocked(user) ? (
                <span className="kp-badge-bad">
                  {t('users.lockedUntil', { time: dateTime(user.lockedUntil!) })}
                </span>
              ) : (
                <span className="kp-badge-ok">{t('users.active')}</span>
              )}
              {user.totpEnabled && <div>{t('users.totp')}</div>}
              {user.mustChangePassword && <div>{t('users.pendingPassword')}</div>}
            </>
          ),
        },
        {
          header: t('users.lastLogin'),
          cell: (user) => (user.lastLoginAt ? dateTime(user.lastLoginAt) : t('users.never')),
        },
        {
          header: t('users.actions'),
          cell: (user) => (
            <Button appearance="secondary-action-button" onClick={() => props.onEdit(user.id)}>
              {t('users.edit')}
              <span className="kp-visually-hidden"> {user.name}</span>
            </Button>
          ),
        },
      ]}
    />
  );
}

function EditUser(props: { user: ManagedUser; onChanged(): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const { user } = props;
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [details, setDetails] = useState({ name: user.name, email: user.email });
  const [detailErrors, setDetailErrors] = useState<{ name?: string; email?: string }>({});
  const [resetLink, setResetLink] = useState<AccountLink | null>(null);
  const detailRefs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null) };
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const change = async (patch: Record<string, unknown>) => {
    setSaved(false);
    setFailure(null);
    setRolesError(undefined);
    setBusy(true);
    try {
      await api('PATCH', `/users/${user.id}`, { purpose, body: patch });
      // Refresh the table first, so the confirmation never announces a change the table does not show yet.
      await props.onChanged();
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.field === 'roles') setRolesError(error.message);
      else if (error instanceof ApiError && (error.field === 'name' || error.field === 'email')) {
        setDetailErrors({ [error.field]: error.message });
        detailRefs[error.field].current?.focus();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const saveDetails = (event: FormEvent) => {
    event.preventDefault();
    const found: { name?: string; email?: string } = {};
    if (details.name.trim().length < 2) found.name = t('users.nameRequired');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(details.email.trim())) found.email = t('users.emailInvalid');
    setDetailErrors(found);
    if (found.name) return detailRefs.name.current?.focus();
    if (found.email) return detailRefs.email.current?.focus();
    void change({ name: details.name.trim(), email: details.email.trim() });
  };

  const reset = async () => {
    setSaved(false);
    setFailure(null);
    setResetLink(null);
    setBusy(true);
    try {
      setResetLink(await api<AccountLink>('POST', `/users/${user.id}/reset`, { purpose, body: {} }));
      await props.onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const saveRoles = (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) {
      setRolesError(t('users.rolesRequired'));
      return;
    }
    void change({ roles });
  };

  return (
    <section className="kp-panel" aria-labelledby="edit-user">
      <Heading2 id="edit-user" ref={headingRef} tabIndex={-1}>
        {t('users.editFor', { name: user.name })}
      </Heading2>
      {saved && <Success>{t('users.saved', { name: user.name })}</Success>}
      {resetLink && (
        <Alert type="ok" role="status">
          <Paragraph>{t('users.resetDone', { name: user.name })}</Paragraph>
          <LinkNotice name={user.name} email={user.email} link={resetLink} />
        </Alert>
      )}
      <Problem error={failure} />
      <form noValidate onSubmit={saveDetails} aria-label={t('users.details')}>
        <TextField
          label={t('users.name')}
          name="edit-name"
          autoComplete="off"
          required
          value={details.name}
          onValue={(name) => setDetails({ ...details, name })}
          error={detailErrors.name}
          inputRef={detailRefs.name}
        />
        <TextField
          label={t('users.email')}
          name="edit-email"
          type="email"
          autoComplete="off"
          required
          value={details.email}
          onValue={(email) => setDetails({ ...details, email })}
          error={detailErrors.email}
          inputRef={detailRefs.email}
        />
        <div className="kp-form-actions">
          <Button type="submit" appearance="secondary-action-button" disabled={busy}>
            {t('users.saveDetails')}
          </Button>
        </div>
      </form>
      <form noValidate onSubmit={saveRoles}>
        <RoleCheckboxes
          value={roles}
          onChange={setRoles}
          error={rolesError}
          legend={t('users.rolesLegend')}
        />
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('users.saveRoles')}
          </Button>
        </div>
      </form>
      <ButtonGroup className="kp-form-actions">
        {user.disabled ? (
          <Button
            appearance="secondary-action-button"
            disabled={busy}
            onClick={() => void change({ disabled: false })}
          >
            {t('users.enable')}
          </Button>
        ) : (
          <Button
            appearance="secondary-action-button"
            hint="danger"
            disabled={busy}
            onClick={() => void change({ disabled: true })}
          >
            {t('users.disable')}
          </Button>
        )}
        {!user.disabled && (
          <Button appearance="secondary-action-button" disabled={busy} onClick={() => void reset()}>
            {t('users.reset')}
          </Button>
        )}
        {isLocked(user) && (
          <Button
            appearance="secondary-action-button"
            disabled={busy}
            onClick={() => void change({ unlock: true })}
          >
            {t('users.unlock')}
          </Button>
        )}
        <Button appearance="subtle-button" onClick={props.onClose}>
          {t('users.cancel')}
        </Button>
      </ButtonGroup>
      {!user.disabled && <Paragraph>{t('users.resetHelp', { name: user.name })}</Paragraph>}
    </section>
  );
}

type NewUserField = 'name' | 'email' | 'roles';

function CreateUser({ onCreated }: { onCreated(): Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<NewUserField, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [created, setCreated] = useState<{ name: string; email: string; link: AccountLink } | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const errorFocus = useErrorFocus();

  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setCreated(null);
    const found: Partial<Record<NewUserField, string>> = {};
    if (name.trim().length < 2) found.name = t('users.nameRequired');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('users.emailInvalid');
    if (roles.length === 0) found.roles = t('users.rolesRequired');
    setErrors(found);
    if (found.name) return nameRef.current?.focus();
    if (found.email) return emailRef.current?.focus();
    if (found.roles) return errorFocus.refused();
    setBusy(true);
    try {
      const result = await api<{ user: ManagedUser; setPassword: AccountLink }>('POST', '/users', {
        purpose,
        body: { name: name.trim(), email: email.trim(), roles },
      });
      setCreated({ name: result.user.name, email: result.user.email, link: result.setPassword });
      setName('');
      setEmail('');
      setRoles([]);
      await onCreated();
    } catch (error) {
      if (error instanceof ApiError && (error.field === 'email' || error.field === 'name')) {
        setErrors({ [error.field]: error.message });
        (error.field === 'email' ? emailRef : nameRef).current?.focus();
      } else {
        setFailure(error);
        errorFocus.refused();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section ref={errorFocus.ref} className="kp-panel" aria-labelledby="create-user">
      <Heading2 id="create-user">{t('users.create')}</Heading2>
      {created && (
        <div ref={createdRef} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{t('users.created', { name: created.name })}</Paragraph>
            <LinkNotice name={created.name} email={created.email} link={created.link} />
          </Alert>
        </div>
      )}
      <Problem error={failure} />
      <form noValidate onSubmit={submit}>
        <TextField
          label={t('users.name')}
          name="name"
          autoComplete="off"
          required
          value={name}
          onValue={setName}
          error={errors.name}
          inputRef={nameRef}
        />
        <TextField
          label={t('users.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onValue={setEmail}
          error={errors.email}
          inputRef={emailRef}
        />
        <RoleCheckboxes
          value={roles}
          onChange={setRoles}
          error={errors.roles}
          legend={t('users.rolesLegend')}
        />
        <div className="kp-form-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('users.createSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
