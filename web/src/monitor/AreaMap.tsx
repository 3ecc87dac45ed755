import * as Plot from '@observablehq/plot';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { findMunicipality } from '../../../src/domain/municipalities.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Problem } from '../components/Problem.tsx';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Choice } from '../signals/fields.tsx';
import { useLoad } from '../useLoad.ts';
import { type Cell, mapTable } from './api.ts';
import { type AreaFeature, features, type Topology } from './topojson.ts';

/** The boundary file and the family dimension of each level (police units: RE01–RE10 in unit order). */
const LEVELS = {
  municipality: { file: 'gemeente_2025' },
  province: { file: 'provincie_2025' },
  safety_region: { file: 'veiligheidsregio_2025' },
  police_unit: { file: 'regionale_eenheid_2025' },
} as const;
type Level = keyof typeof LEVELS;
const POLICE = [
  'noord-nederland',
  'oost-nederland',
  'midden-nederland',
  'noord-holland',
  'amsterdam',
  'den-haag',
  'rotterdam',
  'zeeland-west-brabant',
  'oost-brabant',
  'limburg',
];
const geoCode = (level: Level, code: string) =>
  level === 'police_unit' ? `RE${String(POLICE.indexOf(code) + 1).padStart(2, '0')}` : code;

const topologies = new Map<string, Promise<AreaFeature[]>>();
function boundaries(file: string): Promise<AreaFeature[]> {
  let loading = topologies.get(file);
  if (!loading) {
    loading = fetch(`/geo/${file}.topojson`)
      .then((r) => r.json() as Promise<Topology>)
      .then((t) => features(t, file));
    topologies.set(file, loading);
  }
  return loading;
}

/** A choropleth of signals per area (Observable Plot), suppressed areas hatched grey, the table beside it. */
export function AreaMap({ year }: { year: number }) {
  const { t, number } = useI18n();
  const [level, setLevel] = useState<Level>('municipality');
  const table = useLoad(() => mapTable(level, year), `map-${level}-${year}`);
  const ref = useRef<HTMLDivElement>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const node = ref.current;
    const data = table.data;
    if (!node || !data) return;
    let cancelled = false;
    void boundaries(LEVELS[level].file).then((areas) => {
      if (cancelled) return;
      setNames(new Map(areas.map((a) => [a.id, a.properties.name])));
      const byArea = new Map(data.cells.map((c) => [geoCode(level, c.dimensions[data.dimension] ?? ''), c]));
      const width = Math.max(280, Math.min(560, node.clientWidth || 560));
      const shaded = areas.map((a) => ({ ...a, cell: byArea.get(a.id) }));
      const chart = Plot.plot({
        width,
        height: Math.round(width * 1.1),
        projection: { type: 'mercator', domain: { type: 'FeatureCollection', features: areas } },
        color: { type: 'quantize', n: 5, scheme: 'blues', label: t('monitor.map.legend'), legend: true },
        marks: [
          Plot.geo(
            shaded.filter((a) => a.cell && !a.cell.suppressed),
            { fill: (a) => a.cell?.value ?? 0, stroke: '#ffffff', strokeWidth: 0.4 },
          ),
          Plot.geo(
            shaded.filter((a) => !a.cell || a.cell.suppressed),
            { fill: '#d0d0d0', stroke: '#ffffff', strokeWidth: 0.4 },
          ),
        ],
      });
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [table.data, level, t]);
  const rows = [...(table.data?.cells ?? [])];
  const nameOf = (c: Cell) => {
    const code = c.dimensions[table.data?.dimension ?? ''] ?? '';
    if (level === 'municipality') return findMunicipality(code)?.name ?? code;
    return names.get(geoCode(level, code)) ?? code;
  };
  return (
    <section aria-labelledby="monitor-map">
      <Heading2 id="monitor-map">{t('monitor.map.title', { year })}</Heading2>
      <Choice
        id="monitor-map-level"
        label={t('monitor.map.level')}
        value={level}
        onValue={(v) => setLevel(v as Level)}
        options={(Object.keys(LEVELS) as Level[]).map((l) => ({
          value: l,
          label: t(`monitor.map.level.${l}` as MessageKey),
        }))}
      />
      {table.error ? <Problem error={table.error} /> : null}
      <div className="kp-monitor-map-layout">
        <figure className="kp-monitor-figure">
          <div ref={ref} className="kp-monitor-map" aria-hidden="true" />
          <figcaption>{t('monitor.map.caption')}</figcaption>
        </figure>
        <DataTable
          caption={t('monitor.map.table', { level: t(`monitor.map.level.${level}` as MessageKey), year })}
          rows={rows.sort((a, b) => nameOf(a).localeCompare(nameOf(b)))}
          rowKey={(c) => c.dimensions[table.data?.dimension ?? ''] ?? ''}
          columns={[
            { header: t('monitor.map.area'), rowHeader: true, cell: (c) => nameOf(c) },
            {
              header: t('monitor.value'),
              cell: (c) => (
                <span className={c.suppressed ? 'kp-monitor-suppressed' : undefined}>
                  {c.suppressed ? t('monitor.suppressed') : number(c.value as number)}
                </span>
              ),
            },
          ]}
        />
      </div>
      <Paragraph>{t('monitor.map.attribution')}</Paragraph>
    </section>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  clear_policy: '#1b7a3a',
  in_progress: '#e0a100',
  no_policy: '#b3261e',
  not_assessed: '#d0d0d0',
};

/** The national map of policy status per municipality (the table of counts beside it holds the figures). */
export function PolicyMap({
  byMunicipality,
}: {
  byMunicipality: { municipality: string; status: string }[];
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    let cancelled = false;
    const status = new Map(byMunicipality.map((m) => [m.municipality, m.status]));
    void boundaries(LEVELS.municipality.file).then((areas) => {
      if (cancelled) return;
      const width = Math.max(280, Math.min(480, node.clientWidth || 480));
      const shaded = areas.map((a) => ({ ...a, status: status.get(a.id) ?? 'not_assessed' }));
      const chart = Plot.plot({
        width,
        height: Math.round(width * 1.1),
        projection: { type: 'mercator', domain: { type: 'FeatureCollection', features: areas } },
        marks: [
          Plot.geo(shaded, {
            fill: (a) => STATUS_COLOURS[a.status] ?? '#d0d0d0',
            stroke: '#ffffff',
            strokeWidth: 0.4,
            title: (a) => `${a.properties.name}: ${t(`monitor.status.${a.status}` as MessageKey)}`,
          }),
        ],
      });
      node.replaceChildren(chart);
    });
    return () => {
      cancelled = true;
    };
  }, [byMunicipality, t]);
  return (
    <figure className="kp-monitor-figure">
      <div ref={ref} className="kp-monitor-map kp-monitor-policy-map" aria-hidden="true" />
      <figcaption>{t('monitor.policyMap.caption')}</figcaption>
    </figure>
  );
}
