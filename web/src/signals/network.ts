import { type NetworkLink, personName, type SignalView } from './api.ts';

/**
 * The network of confirmed links around one signal: signals joined by confirmed links, the persons and
 * companies they name, and the identifiers that more than one of them share. Pure, so it can be tested
 * and laid out without the page.
 */
export type NodeKind = 'signal' | 'person' | 'company' | 'identifier';

export interface NetworkNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** For signals: their id, to link to the signal's page. */
  signalId?: string;
  x: number;
  y: number;
}

export interface NetworkEdge {
  from: string;
  to: string;
  label: string;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

function identifiersOf(signal: SignalView): { key: string; label: string }[] {
  const found: { key: string; label: string }[] = [];
  for (const person of signal.persons) {
    for (const phone of person.phones) found.push({ key: `phone:${phone}`, label: phone });
    for (const email of person.emails) found.push({ key: `email:${email}`, label: email });
  }
  for (const company of signal.companies)
    if (company.kvk) found.push({ key: `kvk:${company.kvk}`, label: `KvK ${company.kvk}` });
  for (const vehicle of signal.vehicles) found.push({ key: `plate:${vehicle.plate}`, label: vehicle.plate });
  for (const url of signal.urls) found.push({ key: `url:${url.key}`, label: url.display ?? url.key });
  for (const handle of signal.handles)
    found.push({
      key: `handle:${handle.platform}:${handle.handle}`,
      label: `${handle.platform} @${handle.handle}`,
    });
  return found;
}

export function buildNetwork(
  signals: SignalView[],
  links: { from: string; to: string; link: NetworkLink }[],
  describe: { signal(s: SignalView): string; link(l: NetworkLink): string; role(role: string): string },
  size = { width: 960, height: 640 },
): Network {
  const cx = size.width / 2;
  const cy = size.height / 2;
  const nodes: NetworkNode[] = [];
  const edges: NetworkEdge[] = [];
  // An ellipse that uses the wide canvas: signals on the inner one, their parties on the outer one.
  const inner = signals.length > 1 ? { x: cx * 0.45, y: cy * 0.4 } : { x: 0, y: 0 };
  const outer = { x: cx * 0.85, y: cy * 0.8 };
  const angleOf = new Map<string, number>();
  signals.forEach((signal, index) => {
    const angle = Math.PI + (2 * Math.PI * index) / Math.max(1, signals.length);
    angleOf.set(signal.id, angle);
    nodes.push({
      id: `s:${signal.id}`,
      kind: 'signal',
      label: describe.signal(signal),
      signalId: signal.id,
      x: cx + inner.x * Math.cos(angle),
      y: cy + inner.y * Math.sin(angle),
    });
  });
  for (const { from, to, link } of links) {
    edges.push({ from: `s:${from}`, to: `s:${to}`, label: describe.link(link) });
  }
  // Entities of each signal fan out around it; shared identifiers sit between the signals sharing them.
  const sharedBy = new Map<string, { label: string; signals: string[] }>();
  for (const signal of signals) {
    for (const identifier of identifiersOf(signal)) {
      const entry = sharedBy.get(identifier.key) ?? { label: identifier.label, signals: [] };
      if (!entry.signals.includes(signal.id)) entry.signals.push(signal.id);
      sharedBy.set(identifier.key, entry);
    }
  }
  const spread = signals.length > 1 ? (Math.PI * 1.6) / signals.length : Math.PI * 2;
  for (const signal of signals) {
    const base = angleOf.get(signal.id) ?? 0;
    const parties = [
      ...signal.persons.map((p, i) => ({
        id: `p:${signal.id}:${i}`,
        kind: 'person' as const,
        label: personName(p),
        edge: describe.role(p.role),
      })),
      ...signal.companies.map((c, i) => ({
        id: `c:${signal.id}:${i}`,
        kind: 'company' as const,
        label: c.name,
        edge: '',
      })),
    ];
    parties.forEach((party, index) => {
      const angle = base + spread * ((index + 0.5) / Math.max(1, parties.length) - 0.5);
      nodes.push({
        id: party.id,
        kind: party.kind,
        label: party.label,
        x: cx + outer.x * Math.cos(angle),
        y: cy + outer.y * Math.sin(angle),
      });
      edges.push({ from: `s:${signal.id}`, to: party.id, label: party.edge });
    });
  }
  let shared = 0;
  for (const [key, entry] of sharedBy) {
    if (entry.signals.length < 2) continue;
    const angles = entry.signals.map((id) => angleOf.get(id) ?? 0);
    const x = angles.reduce((sum, a) => sum + Math.cos(a), 0) / angles.length;
    const y = angles.reduce((sum, a) => sum + Math.sin(a), 0) / angles.length;
    // Offset identifiers shared by the same signals so their labels do not overlap.
    const offset = (shared++ % 4) * 28 - 42;
    nodes.push({
      id: `i:${key}`,
      kind: 'identifier',
      label: entry.label,
      x: cx + x * inner.x * 0.2,
      y: cy + y * inner.y * 0.2 + offset,
    });
    for (const id of entry.signals) edges.push({ from: `s:${id}`, to: `i:${key}`, label: '' });
  }
  return { nodes, edges };
}
