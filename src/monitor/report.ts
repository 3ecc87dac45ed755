import PDFDocument from 'pdfkit';
import type { AccessTx } from '../access/context.ts';
import { csvCell } from '../domain/csv-cell.ts';
import type { Label } from '../domain/label.ts';
import type { SuppressionRule } from '../domain/suppress.ts';
import { ACTION_LINES, type Indicator } from './indicators.ts';
import { type Measure, programmeRegister, reportTexts, STATUS_LABELS } from './register.ts';
import { type IndicatorTable, indicatorTable, listIndicators } from './service.ts';
import type { XlsxCell, XlsxSheet } from './xlsx.ts';

/**
 * The periodic progress report (issue 17, item 6) and the open-data export. Every figure comes from
 * `indicatorTable` with action `export`: the one suppression module, and an audited export per table.
 */
export interface ReportLine {
  line: number;
  name: Label;
  text: string | null;
  measures: Measure[];
  indicators: { indicator: Indicator; table: IndicatorTable }[];
}
export interface Report {
  year: number;
  generatedAt: string;
  scope: string;
  introduction: string | null;
  lines: ReportLine[];
  rule: SuppressionRule | null;
}

export async function buildReport(tx: AccessTx, year: number): Promise<Report> {
  const [indicators, texts, measures] = [
    await listIndicators(tx),
    await reportTexts(tx, year),
    await programmeRegister(tx),
  ];
  const lines: ReportLine[] = [];
  let rule: SuppressionRule | null = null;
  let scope = 'national';
  for (const line of ACTION_LINES) {
    const own: ReportLine['indicators'] = [];
    for (const indicator of indicators.filter((i) => i.actionLine === line.line)) {
      const table = await indicatorTable(tx, indicator.id, { year }, 'export');
      scope = table.scope;
      if (table.rule.threshold > 0) rule = table.rule;
      own.push({ indicator, table });
    }
    lines.push({
      line: line.line,
      name: line.name,
      text: texts.find((t) => t.actionLine === line.line)?.body ?? null,
      measures: measures.filter((m) => m.actionLine === line.line),
      indicators: own,
    });
  }
  return {
    year,
    generatedAt: new Date().toISOString(),
    scope,
    introduction: texts.find((t) => t.actionLine === 0)?.body ?? null,
    lines,
    rule,
  };
}

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const shown = (value: number | null, suppressed: boolean) =>
  suppressed ? 'onderdrukt' : value === null ? '–' : nl.format(value);

/** The rows of an indicator's report table: per period its value, then the year total. */
function trendRows(table: IndicatorTable): [string, string][] {
  const cells = [...table.cells].sort((a, b) =>
    Object.values(a.dimensions).join().localeCompare(Object.values(b.dimensions).join()),
  );
  const rows: [string, string][] = cells.map((c) => [
    Object.values(c.dimensions).join(' · ') || 'totaal',
    shown(c.value, c.suppressed),
  ]);
  const total = table.totals.find((c) => Object.keys(c.dimensions).length === 0);
  if (total) rows.push(['Totaal', shown(total.value, total.suppressed)]);
  if (table.interval) {
    rows.push([
      'Interval',
      `${table.interval.lower === null ? '?' : nl.format(Math.round(table.interval.lower))} – ${
        table.interval.upper === null ? '?' : nl.format(Math.round(table.interval.upper))
      }`,
    ]);
  }
  return rows;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A small bar chart as SVG (decorative: the table beside it holds the same figures). */
function svgBars(table: IndicatorTable): string {
  const cells = table.cells
    .filter((c) => 'month' in c.dimensions)
    .sort((a, b) => String(a.dimensions.month).localeCompare(String(b.dimensions.month)));
  if (cells.length === 0) return '';
  const max = Math.max(1, ...cells.map((c) => c.value ?? 0));
  const w = 24;
  const bars = cells
    .map((c, i) => {
      if (c.suppressed || c.value === null) {
        return `<rect x="${i * w + 4}" y="96" width="${w - 8}" height="4" fill="#757575"/>`;
      }
      const h = Math.round((c.value / max) * 90);
      return `<rect x="${i * w + 4}" y="${100 - h}" width="${w - 8}" height="${h}" fill="#154273"/>`;
    })
    .join('');
  return `<svg aria-hidden="true" focusable="false" width="${cells.length * w}" height="104" viewBox="0 0 ${cells.length * w} 104">${bars}</svg>`;
}

/** The report as an accessible HTML page: headings per action line, a table beside every chart. */
export function reportHtml(report: Report): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Voortgangsrapportage programma mensenhandel ${report.year}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #8a8a8a;padding:.25rem .5rem;text-align:left}
caption{text-align:left;font-weight:600}.suppressed{font-style:italic;color:#4a4a4a}figure{margin:0}</style></head><body>
<header><p>Ketenplein</p></header><main>
<h1>Voortgangsrapportage programma mensenhandel ${report.year}</h1>
<p>Gemaakt op ${escapeHtml(report.generatedAt.slice(0, 10))}; bereik: ${escapeHtml(report.scope === 'national' ? 'landelijk' : report.scope)}.</p>`);
  if (report.rule) parts.push(`<p>${escapeHtml(report.rule.description.nl)}</p>`);
  if (report.introduction) parts.push(`<h2>Inleiding</h2><p>${escapeHtml(report.introduction)}</p>`);
  for (const line of report.lines) {
    parts.push(
      `<section aria-labelledby="line-${line.line}"><h2 id="line-${line.line}">Actielijn ${line.line}: ${escapeHtml(line.name.nl)}</h2>`,
    );
    if (line.text) parts.push(`<p>${escapeHtml(line.text)}</p>`);
    if (line.measures.length > 0) {
      parts.push(
        `<table><caption>Maatregelen, actielijn ${line.line}</caption><thead><tr><th scope="col">Maatregel</th><th scope="col">Eigenaar</th><th scope="col">Status</th><th scope="col">Activiteiten (gerealiseerd / gepland)</th></tr></thead><tbody>${line.measures
          .map(
            (m) =>
              `<tr><th scope="row">${escapeHtml(m.title)}</th><td>${escapeHtml(m.owners.join(', '))}</td><td>${escapeHtml(
                STATUS_LABELS[m.status as keyof typeof STATUS_LABELS]?.nl ?? m.status,
              )}</td><td>${m.activities
                .map(
                  (a) => `${escapeHtml(a.title)}: ${a.delivered} / ${a.planned} ${escapeHtml(a.outputUnit)}`,
                )
                .join('<br>')}</td></tr>`,
          )
          .join('')}</tbody></table>`,
      );
    }
    for (const { indicator, table } of line.indicators) {
      parts.push(`<h3>${escapeHtml(indicator.name.nl)}</h3>`);
      if (!table.available) {
        parts.push(`<p>${escapeHtml(table.note?.nl ?? 'Nog niet beschikbaar')}</p>`);
        continue;
      }
      if (indicator.target !== null) parts.push(`<p>Doel: ${nl.format(indicator.target)}</p>`);
      parts.push(`<figure>${svgBars(table)}<table><caption>${escapeHtml(indicator.name.nl)}, ${report.year}</caption>
<thead><tr><th scope="col">Periode</th><th scope="col">Waarde</th></tr></thead><tbody>${trendRows(table)
        .map(
          ([period, value]) =>
            `<tr><th scope="row">${escapeHtml(period)}</th><td${value === 'onderdrukt' ? ' class="suppressed"' : ''}>${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</tbody></table></figure>`);
    }
    parts.push('</section>');
  }
  parts.push(
    '</main><footer><p>Bron: Ketenplein; kaartgrenzen: CBS/PDOK (CC BY 4.0).</p></footer></body></html>',
  );
  return parts.join('\n');
}

/** The report as PDF (pdfkit): the same text, tables and a bar chart per indicator. */
export function reportPdf(report: Report): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Voortgangsrapportage programma mensenhandel ${report.year}`, Author: 'Ketenplein' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(`Voortgangsrapportage programma mensenhandel ${report.year}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Gemaakt op ${report.generatedAt.slice(0, 10)}; bereik: ${report.scope === 'national' ? 'landelijk' : report.scope}.`,
    );
  if (report.rule) doc.moveDown(0.3).text(report.rule.description.nl);
  if (report.introduction)
    doc
      .moveDown()
      .font('Helvetica-Bold')
      .fontSize(13)
      .text('Inleiding')
      .font('Helvetica')
      .fontSize(10)
      .text(report.introduction);
  for (const line of report.lines) {
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text(`Actielijn ${line.line}: ${line.name.nl}`);
    doc.font('Helvetica').fontSize(10);
    if (line.text) doc.text(line.text);
    for (const m of line.measures) {
      doc
        .moveDown(0.3)
        .font('Helvetica-Bold')
        .text(`Maatregel: ${m.title}`)
        .font('Helvetica')
        .text(
          `Eigenaar: ${m.owners.join(', ')} · status: ${STATUS_LABELS[m.status as keyof typeof STATUS_LABELS]?.nl ?? m.status}`,
        );
      for (const a of m.activities)
        doc.text(`– ${a.title}: ${a.delivered} van ${a.planned} ${a.outputUnit} (${a.period})`, {
          indent: 12,
        });
    }
    for (const { indicator, table } of line.indicators) {
      doc
        .moveDown(0.5)
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(indicator.name.nl)
        .font('Helvetica')
        .fontSize(9);
      if (!table.available) {
        doc.text(table.note?.nl ?? 'Nog niet beschikbaar');
        continue;
      }
      const months = table.cells
        .filter((c) => 'month' in c.dimensions)
        .sort((a, b) => String(a.dimensions.month).localeCompare(String(b.dimensions.month)));
      if (months.length > 0) {
        if (doc.y > 700) doc.addPage();
        const max = Math.max(1, ...months.map((c) => c.value ?? 0));
        const top = doc.y + 4;
        months.forEach((c, i) => {
          const x = 56 + i * 20;
          if (c.suppressed || c.value === null) doc.rect(x, top + 56, 14, 4).fill('#757575');
          else {
            const h = Math.max(1, (c.value / max) * 56);
            doc.rect(x, top + 60 - h, 14, h).fill('#154273');
          }
        });
        doc.fillColor('black');
        doc.y = top + 66;
        doc.x = 56;
      }
      for (const [period, value] of trendRows(table)) doc.text(`${period}: ${value}`, { indent: 12 });
    }
  }
  doc
    .moveDown()
    .fontSize(8)
    .text('Bron: Ketenplein. Onderdrukt = te klein aantal of af te leiden uit een klein aantal.');
  doc.end();
  return done;
}

// --- Open data ------------------------------------------------------------------------------------------

const DIMENSIONS = ['month', 'channel', 'form', 'region', 'municipality', 'minor', 'outcome', 'period'];

export interface OpenData {
  metadata: {
    title: Label;
    publisher: string;
    licence: string;
    year: number;
    scope: string;
    generatedAt: string;
    suppression: SuppressionRule | null;
    indicators: {
      id: string;
      name: Label;
      actionLine: number;
      unit: string;
      period: string;
      definition: Record<string, unknown>;
      source: string;
      breakdowns: string[];
    }[];
  };
  tables: {
    indicatorId: string;
    breakdown: string | null;
    cells: IndicatorTable['cells'];
    totals: IndicatorTable['totals'];
  }[];
}

/** Every available computed table (trend and each breakdown), suppressed, with its metadata. */
export async function openData(tx: AccessTx, year: number): Promise<OpenData> {
  const indicators = (await listIndicators(tx)).filter(
    (i) => i.source === 'computed' && i.definition.kind !== 'pending',
  );
  const tables: OpenData['tables'] = [];
  let rule: SuppressionRule | null = null;
  let scope = 'national';
  for (const indicator of indicators) {
    for (const breakdown of [null, ...indicator.breakdowns]) {
      const table = await indicatorTable(tx, indicator.id, { year, breakdown }, 'export');
      scope = table.scope;
      if (!table.available) continue;
      if (table.rule.threshold > 0) rule = table.rule;
      tables.push({ indicatorId: indicator.id, breakdown, cells: table.cells, totals: table.totals });
    }
  }
  return {
    metadata: {
      title: {
        nl: `Programmamonitor mensenhandel, open data ${year}`,
        en: `Human trafficking programme monitor, open data ${year}`,
      },
      publisher: 'Ketenplein',
      licence: 'CC BY 4.0',
      year,
      scope,
      generatedAt: new Date().toISOString(),
      suppression: rule,
      indicators: indicators.map((i) => ({
        id: i.id,
        name: i.name,
        actionLine: i.actionLine,
        unit: i.unit,
        period: i.period,
        definition: { ...i.definition },
        source: i.source,
        breakdowns: [...i.breakdowns],
      })),
    },
    tables,
  };
}

/** Open data as one long table: indicator, breakdown, every dimension, value, suppressed, total. */
export function openDataRows(data: OpenData): XlsxCell[][] {
  const rows: XlsxCell[][] = [
    ['indicator', 'breakdown', 'year', ...DIMENSIONS, 'value', 'suppressed', 'is_total'],
  ];
  for (const table of data.tables) {
    for (const [cells, total] of [
      [table.cells, false],
      [table.totals, true],
    ] as const) {
      for (const c of cells) {
        rows.push([
          table.indicatorId,
          table.breakdown ?? 'trend',
          data.metadata.year,
          ...DIMENSIONS.map((d) => c.dimensions[d] ?? (total ? 'total' : '')),
          c.value,
          c.suppressed,
          total,
        ]);
      }
    }
  }
  return rows;
}

export function toCsv(rows: XlsxCell[][], comment?: string): string {
  const lines = rows.map((row) => row.map((v) => (v === null ? '' : csvCell(String(v)))).join(','));
  if (comment) lines.push(`# ${comment}`);
  return `${lines.join('\n')}\n`;
}

/** One indicator table as sheets: the cells (with totals) and the rule. */
export function tableSheets(table: IndicatorTable, name: string): XlsxSheet[] {
  const all = [...table.cells, ...table.totals];
  const dims = [...new Set(all.flatMap((c) => Object.keys(c.dimensions)))].sort();
  return [
    {
      name: 'Tabel',
      rows: [
        [...dims, 'value', 'suppressed'],
        ...all.map((c) => [...dims.map((d) => c.dimensions[d] ?? 'total'), c.value, c.suppressed]),
      ],
    },
    {
      name: 'Toelichting',
      rows: [
        ['indicator', name],
        ['year', table.year],
        ['scope', table.scope],
        ['breakdown', table.breakdown ?? 'trend'],
        ['threshold', table.rule.threshold],
        ['rule (nl)', table.rule.description.nl],
        ['rule (en)', table.rule.description.en],
      ],
    },
  ];
}
