import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, downloadFile } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { TextField } from '../components/TextField.tsx';
import { useI18n } from '../i18n/index.tsx';

interface FlowNode {
  id: string;
  name: string;
  iban: string | null;
  focus: boolean;
}
interface FlowEdge {
  from: string;
  to: string;
  currency: string;
  total: number;
  count: number;
  first: string;
  last: string;
}
interface FlowTransaction {
  id: string;
  reference: string;
  bookedOn: string;
  kind: string;
  amount: number;
  currency: string;
  description: string | null;
  place: string | null;
  from: string;
  to: string;
}
interface Flows {
  accounts: string[];
  nodes: FlowNode[];
  edges: FlowEdge[];
  transactions: FlowTransaction[];
}

const PURPOSE = 'criminal_investigation';
type Filters = { signalId: string; caseId: string; from: string; to: string; minAmount: string };

/** Left: who only pays in; middle: the signal's or case's own accounts; right: who only receives. */
function layout(flows: Flows) {
  const paying = new Set(flows.edges.map((e) => e.from));
  const column = (n: FlowNode) => (n.focus ? 1 : paying.has(n.id) ? 0 : 2);
  const columns: FlowNode[][] = [[], [], []];
  for (const n of flows.nodes) columns[column(n)].push(n);
  const rowHeight = 56;
  const height = Math.max(...columns.map((c) => c.length), 1) * rowHeight + 24;
  const at = new Map<string, { x: number; y: number }>();
  for (const [c, nodes] of columns.entries()) {
    const offset = (height - nodes.length * rowHeight) / 2;
    for (const [i, n] of nodes.entries())
      at.set(n.id, { x: 110 + c * 380, y: offset + i * rowHeight + rowHeight / 2 });
  }
  return { at, height };
}

function MoneyGraph({ flows, money }: { flows: Flows; money: (e: FlowEdge) => string }) {
  const { t } = useI18n();
  const { at, height } = layout(flows);
  const max = Math.max(...flows.edges.map((e) => e.total), 1);
  return (
    <svg
      className="kp-flow-graph"
      viewBox={`0 0 980 ${height}`}
      role="img"
      aria-labelledby="flow-graph-title flow-graph-desc"
      style={{ width: '100%', height: 'auto', maxHeight: '70vh' }}
    >
      <title id="flow-graph-title">{t('fiu.flows.graph')}</title>
      <desc id="flow-graph-desc">
        {t('fiu.flows.graphDesc', { nodes: flows.nodes.length, edges: flows.edges.length })}
      </desc>
      <defs>
        <marker
          id="flow-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#1d4f91" />
        </marker>
      </defs>
      {flows.edges.map((e) => {
        const a = at.get(e.from);
        const b = at.get(e.to);
        if (!a || !b) return null;
        const x1 = a.x + (b.x >= a.x ? 100 : -100);
        const x2 = b.x + (b.x >= a.x ? -100 : 100);
        const mid = { x: (x1 + x2) / 2, y: (a.y + b.y) / 2 };
        return (
          <g key={`${e.from}-${e.to}-${e.currency}`}>
            <line
              x1={x1}
              y1={a.y}
              x2={x2}
              y2={b.y}
              stroke="#1d4f91"
              strokeOpacity={0.7}
              strokeWidth={1.5 + (6 * e.total) / max}
              markerEnd="url(#flow-arrow)"
            />
            <text
              x={mid.x}
              y={mid.y - 6}
              textAnchor="middle"
              fontSize="12"
              fill="#1a1a1a"
              paintOrder="stroke"
              stroke="#fff"
              strokeWidth={4}
            >
              {money(e)} ({e.count}×)
            </text>
          </g>
        );
      })}
      {flows.nodes.map((n) => {
        const p = at.get(n.id);
        if (!p) return null;
        return (
          <g key={n.id}>
            <rect
              x={p.x - 100}
              y={p.y - 22}
              width={200}
              height={44}
              rx={6}
              fill={n.focus ? '#fff4d6' : '#ffffff'}
              stroke={n.focus ? '#8a5a00' : '#555'}
              strokeWidth={n.focus ? 2.5 : 1}
            />
            <text
              x={p.x}
              y={p.y - 4}
              textAnchor="middle"
              fontSize="13"
              fontWeight={n.focus ? 700 : 400}
              fill="#1a1a1a"
            >
              {n.name.length > 28 ? `${n.name.slice(0, 27)}…` : n.name}
            </text>
            <text x={p.x} y={p.y + 13} textAnchor="middle" fontSize="11" fill="#333">
              {n.iban ?? ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** An investigator's view of the money around a signal or case: graph, equivalent table, CSV. */
export function MoneyFlowPage() {
  const { t, language } = useI18n();
  const params = new URLSearchParams(window.location.search);
  const [filters, setFilters] = useState<Filters>({
    signalId: params.get('signal') ?? '',
    caseId: params.get('case') ?? '',
    from: '',
    to: '',
    minAmount: '',
  });
  const [flows, setFlows] = useState<Flows | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const query = () => ({
    ...(filters.caseId.trim() ? { caseId: filters.caseId.trim() } : { signalId: filters.signalId.trim() }),
    from: filters.from.trim(),
    to: filters.to.trim(),
    minAmount: filters.minAmount.trim().replace(',', '.'),
  });
  const load = async () => {
    setFailure(null);
    if (!filters.signalId.trim() && !filters.caseId.trim()) {
      setFailure(new ApiError(400, 'required', t('fiu.flows.need'), 'signalId'));
      return;
    }
    try {
      setFlows(await api<Flows>('GET', '/feeds/fiu/flows', { purpose: PURPOSE, query: query() }));
    } catch (error) {
      setFlows(null);
      setFailure(error);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for a link with ?signal= or ?case=
  useEffect(() => {
    if (filters.signalId || filters.caseId) void load();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load();
  };
  const names = new Map((flows?.nodes ?? []).map((n) => [n.id, n]));
  const party = (id: string) => {
    const n = names.get(id);
    return n ? `${n.name}${n.iban ? ` (${n.iban})` : ''}` : id;
  };
  const money = (e: Pick<FlowEdge, 'total' | 'currency'>) =>
    new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
      style: 'currency',
      currency: e.currency,
    }).format(e.total);

  return (
    <>
      <PageHeading title={t('fiu.flows.title')}>{t('fiu.flows.title')}</PageHeading>
      <Paragraph className="kp-lead">{t('fiu.flows.lead')}</Paragraph>
      <section className="kp-panel" aria-label={t('fiu.flows.show')}>
        <form noValidate onSubmit={submit}>
          <div className="kp-grid">
            <TextField
              name="signalId"
              label={t('fiu.flows.signal')}
              value={filters.signalId}
              onValue={set('signalId')}
            />
            <TextField
              name="caseId"
              label={t('fiu.flows.case')}
              value={filters.caseId}
              onValue={set('caseId')}
            />
            <TextField name="from" label={t('fiu.flows.from')} value={filters.from} onValue={set('from')} />
            <TextField name="to" label={t('fiu.flows.to')} value={filters.to} onValue={set('to')} />
            <TextField
              name="minAmount"
              label={t('fiu.flows.minAmount')}
              inputMode="decimal"
              value={filters.minAmount}
              onValue={set('minAmount')}
            />
          </div>
          <Problem error={failure} />
          <ButtonGroup className="kp-form-actions">
            <Button type="submit" appearance="primary-action-button">
              {t('fiu.flows.show')}
            </Button>
            {flows && flows.edges.length > 0 && (
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() =>
                  void downloadFile('/feeds/fiu/flows.csv', 'geldstromen.csv', {
                    purpose: PURPOSE,
                    query: query(),
                  }).catch(setFailure)
                }
              >
                {t('fiu.flows.csv')}
              </Button>
            )}
          </ButtonGroup>
        </form>
      </section>
      {flows && (
        <>
          <section className="kp-panel" aria-labelledby="flow-graph-heading">
            <Heading2 id="flow-graph-heading">{t('fiu.flows.graph')}</Heading2>
            {flows.edges.length === 0 ? (
              <Paragraph>{t('fiu.flows.empty')}</Paragraph>
            ) : (
              <MoneyGraph flows={flows} money={money} />
            )}
          </section>
          <section className="kp-panel" aria-labelledby="flow-table-heading">
            <Heading2 id="flow-table-heading">{t('fiu.flows.table')}</Heading2>
            <DataTable<FlowEdge>
              caption={t('fiu.flows.table')}
              captionHidden
              columns={[
                { header: t('fiu.flows.fromParty'), cell: (e) => party(e.from), rowHeader: true },
                { header: t('fiu.flows.toParty'), cell: (e) => party(e.to) },
                { header: t('fiu.flows.total'), cell: (e) => money(e) },
                { header: t('fiu.flows.count'), cell: (e) => e.count },
                {
                  header: t('fiu.flows.period'),
                  cell: (e) => (e.first === e.last ? e.first : `${e.first} – ${e.last}`),
                },
              ]}
              rows={flows.edges}
              rowKey={(e) => `${e.from}-${e.to}-${e.currency}`}
              empty={t('fiu.flows.empty')}
            />
          </section>
          <section className="kp-panel" aria-labelledby="flow-timeline-heading">
            <Heading2 id="flow-timeline-heading">{t('fiu.flows.timeline')}</Heading2>
            <DataTable<FlowTransaction>
              caption={t('fiu.flows.timeline')}
              captionHidden
              columns={[
                { header: t('fiu.flows.date'), cell: (x) => x.bookedOn, rowHeader: true },
                { header: t('fiu.flows.fromParty'), cell: (x) => party(x.from) },
                { header: t('fiu.flows.toParty'), cell: (x) => party(x.to) },
                {
                  header: t('fiu.flows.amount'),
                  cell: (x) => money({ total: x.amount, currency: x.currency }),
                },
                { header: t('fiu.flows.description'), cell: (x) => x.description ?? x.place ?? '' },
              ]}
              rows={flows.transactions}
              rowKey={(x) => x.id}
              empty={t('fiu.flows.empty')}
            />
          </section>
        </>
      )}
    </>
  );
}
