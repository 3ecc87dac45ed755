import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateChartSvg } from './chart.ts';

test('the chart escapes every text, names itself and spells out its numbers', () => {
  const svg = estimateChartSvg(
    [
      { label: '2015', total: 5200, lower: 4100, upper: 6900 },
      { label: '<script>alert(1)</script>', total: null },
    ],
    { title: 'A & B "quoted"', lang: 'en', idPrefix: 'x' },
  );
  assert.ok(!svg.includes('<script>'));
  assert.match(svg, /<svg [^>]*role="img" aria-labelledby="x-title x-desc"/);
  assert.match(svg, /<title id="x-title">A &#38; B &#34;quoted&#34;<\/title>/);
  assert.match(
    svg,
    /<desc id="x-desc">[^<]*2015: 5,200 \(interval 4,100–6,900\); &#60;script&#62;[^<]*: no estimate/,
  );
  // One point and one interval bar for the year with an estimate, none for the other.
  assert.equal((svg.match(/<circle/g) ?? []).length, 1);
  const dutch = estimateChartSvg([{ label: 'totaal', total: 111139.4 }], { title: 't', lang: 'nl' });
  assert.match(dutch, /totaal: 111\.139/);
});
