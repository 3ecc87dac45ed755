import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { auditAction, auditActor, auditResource, RESOURCES } from '../../../src/access/audit-labels.ts';
import { api, downloadFile } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { SelectField } from '../estimate/fields.tsx';
import { useErrorFocus } from '../focusError.ts';
import { isMessageKey, type MessageKey, useI18n } from '../i18n/index.tsx';
import { roleLabel } from '../modules.ts';
import { useLoad } from '../useLoad.ts';

/** One role in words; a code this client does not know is shown as it is, never a crash. */
function roleInWords(role: string, t: (key: MessageKey) => string): string {
  const key = roleLabel(role);
  return isMessageKey(key) ? t(key) : role;
}

interface AuditEntry {
  seq: string;
  at: string;
  userId: string | null;
  userName?: string | null;
  userEmail?: string | null;
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

/** The filters, kept in the address so a filtered view can be bookmarked, reloaded or sent on. */
const FILTER_KEYS = ['who', 'user', 'resource', 'record', 'from', 'to'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

const purpose = 'audit_control';
const PAGE_SIZE = 25;
const EMPTY: Filters = { who: '', user: '', resource: '', record: '', from: '', to: '' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filtersFromAddress(): Filters {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;
}

function filtersToAddress(filters: Filters): void {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  const search = params.size > 0 ? `?${params}` : '';
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
}

type FieldErrors = Partial<Record<'who' | 'from' | 'to', string>>;

export function AuditPage() {
  const { t, language } = useI18n();
  const [filters, setFilters] = useState<Filters>(filtersFromAddress);
  const [draft, setDraft] = useState<Filters>(filters);
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

  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const focus = useErrorFocus<HTMLElement>();
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Filters = { ...draft, who: draft.who.trim(), record: draft.record.trim() };
    const found: FieldErrors = {};
    if (next.who && next.who.length < 2) found.who = t('audit.whoShort');
    if (next.from && !DAY.test(next.from)) found.from = t('audit.dayInvalid');
    if (next.to && !DAY.test(next.to)) found.to = t('audit.dayInvalid');
    if (!found.from && !found.to && next.from && next.to && next.from > next.to)
      found.to = t('audit.periodOrder');
    setFieldErrors(found);
    if (Object.keys(found).length > 0) return focus.refused();
    setCursors([]);
    setFilters(next);
    filtersToAddress(next);
  };
  const reset = () => {
    setFieldErrors({});
    setDraft(EMPTY);
    setFilters(EMPTY);
    setCursors([]);
    filtersToAddress(EMPTY);
  };
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadFile('/audit/export', `auditlog-${new Date().toISOString().slice(0, 10)}.csv`, {
        purpose,
        query: filters,
      });
    } catch (failure) {
      setExportError(failure);
    } finally {
      setExporting(false);
    }
  };
  const errors = Object.entries(fieldErrors) as [keyof FieldErrors, string][];

  return (
    <>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('audit.lead')}</Paragraph>
      <VerifyChain />
      <section className="kp-panel" aria-labelledby="audit-filters" ref={focus.ref}>
        <Heading2 id="audit-filters">{t('audit.filters')}</Heading2>
        {errors.length > 0 && (
          <Alert type="error">
            <div data-error-summary>
              <Paragraph>{t('audit.fixFilters')}</Paragraph>
              <ul>
                {errors.map(([field, message]) => (
                  <li key={field}>
                    <a href={`#audit-${field}`}>{message}</a>
                  </li>
                ))}
              </ul>
            </div>
          </Alert>
        )}
        <form noValidate onSubmit={apply}>
          <div className="kp-filters">
            <TextField
              id="audit-who"
              label={t('audit.filterWho')}
              description={t('audit.filterWhoHelp')}
              name="who"
              autoComplete="off"
              error={fieldErrors.who}
              value={draft.who}
              onValue={(value) => setDraft({ ...draft, who: value })}
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
              id="audit-from"
              type="date"
              label={t('audit.filterFrom')}
              name="from"
              error={fieldErrors.from}
              value={draft.from}
              onValue={(value) => setDraft({ ...draft, from: value })}
            />
            <TextField
              id="audit-to"
              type="date"
              label={t('audit.filterTo')}
              name="to"
              error={fieldErrors.to}
              value={draft.to}
              onValue={(value) => setDraft({ ...draft, to: value })}
            />
            <TextField
              label={t('audit.filterRecord')}
              description={t('audit.filterRecordHelp')}
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
            <Button
              type="button"
              appearance="secondary-action-button"
              busy={exporting}
              disabled={exporting}
              onClick={() => void exportCsv()}
            >
              {t('audit.export')}
            </Button>
          </ButtonGroup>
        </form>
        <Problem error={exportError} />
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
              {entry.userName ? (
                <>
                  {entry.userName}
                  {entry.userEmail && <div className="kp-muted">{entry.userEmail}</div>}
                </>
              ) : entry.userId ? (
                <span className="kp-mono">{entry.userId}</span>
              ) : (
                t('audit.system')
              )}
              {entry.role && <div>{auditActor(entry.role, language, (one) => roleInWords(one, t))}</div>}
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
