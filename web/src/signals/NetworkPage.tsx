import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useMemo } from 'react';
import { PERSON_ROLE_LABELS, type PersonRole } from '../../../src/signals/vocabulary.ts';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Problem } from '../components/Problem.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useLoad } from '../useLoad.ts';
import { type NetworkLink, type SignalView, signalPath } from './api.ts';
import { useLinkReasons } from './LinkSuggestions.tsx';
import { useSignalLabels } from './labels.tsx';
import { buildNetwork, type NetworkNode, type NodeKind } from './network.ts';

const purpose = 'signal_assessment';
/** The server's limit (MAX_NETWORK_SIGNALS), for the truncation notice. */
const MAX_SIGNALS = 25;
const SIZE = { width: 960, height: 640 };

interface Network {
  signals: SignalView[];
  links: { from: string; to: string; link: NetworkLink }[];
  truncated: boolean;
}

const SHAPES: Record<NodeKind, (node: NetworkNode) => React.ReactNode> = {
  signal: (n) => (
    <rect x={n.x - 14} y={n.y - 14} width={28} height={28} rx={3} className="kp-node kp-node--signal" />
  ),
  person: (n) => <circle cx={n.x} cy={n.y} r={12} className="kp-node kp-node--person" />,
  company: (n) => (
    <polygon
      points={`${n.x},${n.y - 14} ${n.x + 14},${n.y} ${n.x},${n.y + 14} ${n.x - 14},${n.y}`}
      className="kp-node kp-node--company"
    />
  ),
  identifier: (n) => (
    <rect x={n.x - 8} y={n.y - 8} width={16} height={16} rx={8} className="kp-node kp-node--identifier" />
  ),
};

/** The drawing's extent: the nodes with room for their labels, so a small network is not lost in white space. */
function viewBox(nodes: NetworkNode[]): string {
  if (nodes.length === 0) return `0 0 ${SIZE.width} ${SIZE.height}`;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const left = Math.min(...xs) - 120;
  const top = Math.min(...ys) - 40;
  const width = Math.max(...xs) + 120 - left;
  const height = Math.max(Math.max(...ys) + 50 - top, 200);
  return `${left} ${top} ${width} ${height}`;
}

/** The network of confirmed links: an SVG drawing and, equivalent for screen readers, tables of the same. */
export function NetworkPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const labels = useSignalLabels();
  const reasons = useLinkReasons();
  const { data, error } = useLoad(() => api<Network>('GET', `/signals/${id}/network`, { purpose }), id);
  const network = useMemo(
    () =>
      data
        ? buildNetwork(
            data.signals,
            data.links,
            {
              signal: (s) => `${t('signals.network.signal')} ${s.id.slice(0, 8)}`,
              link: (l) => t(`signals.linkKind.${l.kind}` as MessageKey),
              role: (role) => labels.text(PERSON_ROLE_LABELS[role as PersonRole]),
            },
            SIZE,
          )
        : null,
    [data, t, labels],
  );
  const title = t('signals.network.title');
  const byId = new Map(network?.nodes.map((n) => [n.id, n]));
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Paragraph className="kp-lead">{t('signals.network.lead')}</Paragraph>
      <Problem error={error} />
      {!data && !error && <Paragraph role="status">{t('app.loading')}</Paragraph>}
      {data && network && (
        <>
          {data.truncated && <Paragraph>{t('signals.network.truncated', { count: MAX_SIGNALS })}</Paragraph>}
          <section className="kp-panel" aria-labelledby="net-drawing">
            <Heading2 id="net-drawing">{t('signals.network.drawing')}</Heading2>
            <ul className="kp-legend" aria-label={t('signals.network.legend')}>
              {(['signal', 'person', 'company', 'identifier'] as const).map((kind) => (
                <li key={kind}>
                  <svg width="20" height="20" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
                    {SHAPES[kind]({ id: kind, kind, label: '', x: 20, y: 20 })}
                  </svg>{' '}
                  {t(`signals.network.kind.${kind}` as MessageKey)}
                </li>
              ))}
            </ul>
            <svg
              className="kp-network"
              viewBox={viewBox(network.nodes)}
              role="img"
              aria-labelledby="net-svg-title net-svg-desc"
            >
              <title id="net-svg-title">{title}</title>
              <desc id="net-svg-desc">
                {t('signals.network.summary', {
                  signals: data.signals.length,
                  links: data.links.length,
                  nodes: network.nodes.length,
                })}
              </desc>
              {network.edges.map((edge) => {
                const a = byId.get(edge.from);
                const b = byId.get(edge.to);
                if (!a || !b) return null;
                const signalEdge = a.kind === 'signal' && b.kind === 'signal';
                return (
                  <g key={`${edge.from}-${edge.to}-${edge.label}`}>
                    <line
                      x1={a.x}
                      y1={a.y}
                      x2={b.x}
                      y2={b.y}
                      className={signalEdge ? 'kp-edge kp-edge--link' : 'kp-edge'}
                    />
                    {signalEdge && (
                      <text
                        x={(a.x + b.x) / 2}
                        y={(a.y + b.y) / 2 + 22}
                        textAnchor="middle"
                        className="kp-edge-label"
                      >
                        {edge.label}
                      </text>
                    )}
                  </g>
                );
              })}
              {network.nodes.map((node) => (
                <g key={node.id}>
                  {SHAPES[node.kind](node)}
                  <text x={node.x} y={node.y + 30} textAnchor="middle" className="kp-node-label">
                    {node.label.length > 28 ? `${node.label.slice(0, 27)}…` : node.label}
                  </text>
                </g>
              ))}
            </svg>
          </section>
          <section className="kp-panel" aria-labelledby="net-table">
            <Heading2 id="net-table">{t('signals.network.asTable')}</Heading2>
            <DataTable
              caption={t('signals.network.signalsCaption', { count: data.signals.length })}
              rows={data.signals}
              rowKey={(s) => s.id}
              columns={[
                {
                  header: t('signals.network.signal'),
                  cell: (s) => (
                    <>
                      <RouterLink className="utrecht-link" href={signalPath(s.id, 'triage')}>
                        {byId.get(`s:${s.id}`)?.label}
                      </RouterLink>
                      <br />
                      <small>{dateTime(s.receivedAt)}</small>
                    </>
                  ),
                  rowHeader: true,
                },
                { header: t('signals.col.state'), cell: (s) => labels.state(s.state) },
                {
                  header: t('signals.detail.persons'),
                  cell: (s) =>
                    network.nodes
                      .filter((n) => n.kind === 'person' && n.id.startsWith(`p:${s.id}:`))
                      .map((n) => n.label)
                      .join(', ') || '–',
                },
                {
                  header: t('signals.intake.companies'),
                  cell: (s) => s.companies.map((c) => c.name).join(', ') || '–',
                },
              ]}
            />
            <DataTable
              caption={t('signals.network.linksCaption', { count: data.links.length })}
              rows={data.links}
              rowKey={({ link }) => link.id}
              columns={[
                { header: t('signals.network.from'), cell: ({ from }) => byId.get(`s:${from}`)?.label },
                { header: t('signals.network.to'), cell: ({ to }) => byId.get(`s:${to}`)?.label },
                {
                  header: t('signals.links.kind'),
                  cell: ({ link }) => t(`signals.linkKind.${link.kind}` as MessageKey),
                },
                { header: t('signals.links.why'), cell: ({ link }) => reasons(link) },
              ]}
            />
            {network.nodes.some((n) => n.kind === 'identifier') && (
              <>
                <Heading2 id="net-identifiers" className="kp-subheading">
                  {t('signals.network.sharedIdentifiers')}
                </Heading2>
                <ul aria-labelledby="net-identifiers">
                  {network.nodes
                    .filter((n) => n.kind === 'identifier')
                    .map((n) => (
                      <li key={n.id} className="kp-mono">
                        {n.label}
                      </li>
                    ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
