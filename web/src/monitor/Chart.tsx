import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

/**
 * A trend line (Observable Plot) of monthly values with the target as a dashed rule and suppressed months
 * as grey ticks on the axis. Decorative for assistive technology: the table beside it holds the figures.
 */
export function TrendChart({
  points,
  target,
  label,
}: {
  points: { month: string; value: number | null; suppressed: boolean }[];
  target: number | null;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const width = Math.max(280, Math.min(640, node.clientWidth || 640));
    const shown = points
      .filter((p) => p.value !== null)
      .map((p) => ({ month: new Date(`${p.month}-01`), value: p.value }));
    const hidden = points.filter((p) => p.suppressed).map((p) => ({ month: new Date(`${p.month}-01`) }));
    const chart = Plot.plot({
      width,
      height: 200,
      marginLeft: 48,
      y: { grid: true, label, zero: true },
      x: { label: null, type: 'utc' },
      marks: [
        Plot.lineY(shown, { x: 'month', y: 'value', stroke: '#154273' }),
        Plot.dot(shown, { x: 'month', y: 'value', fill: '#154273' }),
        ...(target !== null ? [Plot.ruleY([target], { stroke: '#b3261e', strokeDasharray: '4 3' })] : []),
        Plot.tickX(hidden, { x: 'month', stroke: '#757575', strokeWidth: 3 }),
      ],
    });
    node.replaceChildren(chart);
    return () => chart.remove();
  }, [points, target, label]);
  return <div ref={ref} className="kp-monitor-chart" aria-hidden="true" />;
}
