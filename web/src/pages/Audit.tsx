import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { isMessageKey, type MessageKey, useI18n } from '../i18n/index.tsx';
import { roleLabel } from '../modules.ts';
import { useLoad } from '../useLoad.ts';
import { auditAction, auditResource, RESOURCES } from './audit-labels.ts';

interface AuditEntry {
  seq: string;
  at: string;
  userId: string | null;
  role: string | null;
  purpose: string | null;
  action: string;
  resource: string;
  recordIds: string[];
  fields: string[];
  result: 'allowed' | 'denied' | 'failed';
  reason: string | null;
}

type Verification =
  | { ok: true; checked: number; head: string }
  | { ok: false; checked: number; brokenAt: string; reason: string };

interface Filters {
  user: string;
  resource: string;
  record: string;
}

const purpose = 'audit_control';
const PAGE_SIZE = 25;
const EMPTY: Filters = { user: '', resource: '', record: '' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditPage() {
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  // Keyset paging: the stack holds the `before` cursor of every page visited, so "back" is exact.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors.at(-1);
  const { data: entries, error } = useLoad(
    () =>
      api<AuditEntry[]>('GET', '/audit', {
        purpose,
        query: { limit: PAGE_SIZE, before, ...filters },
      }),
    JSON.stringify([before, filters]),
  );

  const [idErrors, setIdErrors] = useState<Partial<Record<'user' | 'record', string>>>({});
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<'user' | 'record', string>> = {};
    if (draft.user.trim() && !UUID.test(draft.user.trim())) found.user = t('audit.idInvalid');
    setIdErrors(found);
    if (found.user) return;
    setCursors([]);
    setFilters({ user: draft.user.trim(), resource: draft.resource.trim(), record: draft.record.trim() });
  };
  const reset = () => {
    setIdErrors({});
    setDraft(EMPTY);
    setFilters(EMPTY);
    setCursors([]);
  };

  return (
    <>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('audit.lead')}</Paragraph>
      <VerifyChain />
      <section className="kp-panel" aria-labelledby="audit-filters">
        <Heading2 id="audit-filters">{t('audit.filters')}</Heading2>
        <Paragraph>{t('audit.filterHelpId')}</Paragraph>
        <form noValidate onSubmit={apply}>
          <div className="kp-filters">
            <TextField
              label={t('audit.filterUser')}
              name="user"
              error={idErrors.user}
              value={draft.user}
              onValue={(value) => setDraft({ ...draft, user: value })}
            />
            <SelectField
              label={t('audit.filterResource')}
              value={draft.resource}
              options={[
                { value: '', label: t('audit.anyResource') },
                ...Object.keys(RESOURCES)
                  .map((code) => ({ value: code, label: auditResource(code, language) }))
                  .sort((a, b) => a.label.localeCompare(b.label, language)),
              ]}
              onValue={(value) => setDraft({ ...draft, resource: value })}
            />
            <TextField
              label={t('audit.filterRecord')}
              name="record"
              value={draft.record}
              onValue={(value) => setDraft({ ...draft, record: value })}
            />
          </div>
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button">
              {t('audit.apply')}
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={reset}>
              {t('audit.reset')}
            </Button>
          </ButtonGroup>
        </form>
      </section>
      <Problem error={error} />
      {entries && <AuditTable entries={entries} before={before} />}
      {entries && (
        <nav aria-label={t('audit.paging')}>
          <ButtonGroup className="kp-form-actions">
            {cursors.length > 0 && (
              <Button appearance="secondary-action-button" onClick={() => setCursors([])}>
                {t('audit.newest')}
              </Button>
            )}
            {entries.length === PAGE_SIZE && (
              <Button
                appearance="secondary-action-button"
                onClick={() => setCursors([...cursors, entries[entries.length - 1].seq])}
              >
                {t('audit.older')}
              </Button>
            )}
          </ButtonGroup>
        </nav>
      )}
    </>
  );
}

function AuditTable({ entries, before }: { entries: AuditEntry[]; before: string | undefined }) {
  const { t, dateTime, language } = useI18n();
  const from = before ? t('audit.captionBefore', { seq: before }) : t('audit.captionNewest');
  if (entries.length === 0) return <Paragraph role="status">{t('audit.empty')}</Paragraph>;
  return (
    <DataTable
      caption={t('audit.caption', { from })}
      rows={entries}
      rowKey={(entry) => entry.seq}
      columns={[
        { header: t('audit.seq'), cell: (entry) => entry.seq, rowHeader: true },
        { header: t('audit.at'), cell: (entry) => dateTime(entry.at) },
        {
          header: t('audit.user'),
          cell: (entry) => (
            <>
              {entry.userId ? <span className="kp-mono">{entry.userId}</span> : t('audit.system')}
              {entry.role && <div>{t(roleLabel(entry.role))}</div>}
            </>
          ),
        },
        {
          header: t('audit.purpose'),
          cell: (entry) =>
            entry.purpose && isMessageKey(`purpose.${entry.purpose}`)
              ? t(`purpose.${entry.purpose}` as MessageKey)
              : (entry.purpose ?? '–'),
        },
        { header: t('audit.action'), cell: (entry) => auditAction(entry.action, language) },
        {
          header: t('audit.resource'),
          cell: (entry) => (
            <>
              {auditResource(entry.resource, language)}
              {entry.fields.length > 0 && <div className="kp-mono">{entry.fields.join(', ')}</div>}
            </>
          ),
        },
        { header: t('audit.records'), cell: (entry) => entry.recordIds.length },
        {
          header: t('audit.result'),
          cell: (entry) => (
            <>
              <span className={entry.result === 'allowed' ? 'kp-badge-ok' : 'kp-badge-bad'}>
                {t(`audit.result.${entry.result}` as MessageKey)}
              </span>
              {entry.reason && <div>{entry.reason}</div>}
            </>
          ),
        },
      ]}
    />
  );
}

function VerifyChain() {
  const { t } = useI18n();
  const [result, setResult] = useState<Verification | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await api<Verification>('GET', '/audit/verify', { purpose }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="kp-panel" aria-labelledby="audit-verify">
      <Heading2 id="audit-verify">{t('audit.verifyTitle')}</Heading2>
      <Paragraph>{t('audit.verifyHelp')}</Paragraph>
      <div aria-live="polite">
        {result?.ok === true && (
          <Alert type="ok">
            <Paragraph>{t('audit.verifyOk', { checked: result.checked })}</Paragraph>
          </Alert>
        )}
        {result?.ok === false && (
          <Alert type="error">
            <Paragraph>
              {t('audit.verifyBroken', {
                brokenAt: result.brokenAt,
                reason: result.reason,
                checked: result.checked,
              })}
            </Paragraph>
          </Alert>
        )}
      </div>
      <Problem error={failure} />
      <Button appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verifyBusy') : t('audit.verify')}
      </Button>
    </section>
  );
}
