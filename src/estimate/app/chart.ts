/**
 * The chart of estimates with their intervals, as SVG text. Pure (no Node or DOM), so the server
 * exports exactly what the web app shows. Accessible: role="img" with a <title> and a <desc> that
 * spells out every number, so a screen reader user gets the chart's content, not just its name.
 */
export interface ChartPoint {
  label: string;
  total: number | null;
  lower?: number | null;
  upper?: number | null;
}

export interface ChartOptions {
  title: string;
  lang: 'nl' | 'en';
  /** Makes the ids unique when several charts sit on one page. */
  idPrefix?: string;
}

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 20, bottom: 48, left: 76 };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A round step (1, 2 or 5 × 10^n) that gives about five gridlines. */
function niceStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function estimateChartSvg(points: readonly ChartPoint[], options: ChartOptions): string {
  const { lang } = options;
  const id = options.idPrefix ?? 'chart';
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 0 });
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const values = points.flatMap((p) => [p.total, p.upper, p.lower]).filter(finite);
  const top = Math.max(1, ...values);
  const step = niceStep(top * 1.05);
  const yMax = Math.ceil((top * 1.05) / step) * step;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  const x = (i: number) => MARGIN.left + ((i + 0.5) * plotW) / Math.max(points.length, 1);
  const described = points.map((p) => {
    if (!finite(p.total)) return `${p.label}: ${say('geen schatting', 'no estimate')}`;
    const interval =
      finite(p.lower) && finite(p.upper)
        ? ` (${say('interval', 'interval')} ${number.format(p.lower)}–${number.format(p.upper)})`
        : '';
    return `${p.label}: ${number.format(p.total)}${interval}`;
  });
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(
      `${say('Geschat totaal met interval per groep', 'Estimated total with interval per group')}. ${described.join('; ')}.`,
    )}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-family="sans-serif" font-size="15" font-weight="bold" fill="#1a1a1a">${escapeXml(options.title)}</text>`,
  );
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d0d0" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-family="sans-serif" font-size="12" fill="#1a1a1a">${number.format(v)}</text>`,
    );
  }
  points.forEach((p, i) => {
    const cx = x(i).toFixed(1);
    parts.push(
      `<text x="${cx}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#1a1a1a">${escapeXml(p.label)}</text>`,
    );
    if (!finite(p.total)) return;
    if (finite(p.lower) && finite(p.upper)) {
      const [a, b] = [y(p.lower).toFixed(1), y(p.upper).toFixed(1)];
      parts.push(
        `<line x1="${cx}" x2="${cx}" y1="${a}" y2="${b}" stroke="#154273" stroke-width="2"/>`,
        `<line x1="${x(i) - 8}" x2="${x(i) + 8}" y1="${a}" y2="${a}" stroke="#154273" stroke-width="2"/>`,
        `<line x1="${x(i) - 8}" x2="${x(i) + 8}" y1="${b}" y2="${b}" stroke="#154273" stroke-width="2"/>`,
      );
    }
    parts.push(`<circle cx="${cx}" cy="${y(p.total).toFixed(1)}" r="5" fill="#154273"/>`);
  });
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#1a1a1a"/>`,
    `<text x="16" y="${MARGIN.top + plotH / 2}" transform="rotate(-90 16 ${MARGIN.top + plotH / 2})" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#1a1a1a">${say('geschat totaal', 'estimated total')}</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
