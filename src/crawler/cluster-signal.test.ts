import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSignal } from '../signals/parse.ts';
import { DEFAULT_RULE_SET } from '../signals/rulesets/index.ts';
import { triage } from '../signals/triage.ts';
import { type ClusterAd, clusterToSignal } from './cluster-signal.ts';

const assessment = {
  score: 2,
  indicators: [
    {
      id: 'youth_cues',
      version: 1,
      weight: 2,
      scored: true,
      label: { nl: 'Jeugd', en: 'Youth' },
      evidence: 'net 18',
    },
  ],
  information: [],
};

function ad(n: number, extra: Partial<ClusterAd> = {}): ClusterAd {
  return {
    url: `https://ads.example/ad/${n}`,
    city: n % 2 ? 'Utrecht' : 'Amsterdam',
    postedAt: `2026-01-${String((n % 27) + 1).padStart(2, '0')}`,
    phones: [`+3161234${String(5000 + n)}`],
    emails: [],
    handles: n === 1 ? ['kik:sara_1', 'telegram:sara'] : [],
    assessment,
    ...extra,
  };
}

test('a cluster becomes a valid crawler signal with identifiers, cities and evidence, capped per list', () => {
  const ads = Array.from({ length: 25 }, (_, i) => ad(i + 1));
  const built = clusterToSignal(
    'ON-1',
    { id: 'cl-1', ads: ads.map((a) => a.url), evidence: [] },
    ads,
    new Date('2026-03-01'),
  );
  const parsed = parseSignal(built.submission);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  assert.equal(parsed.signal.channel, 'crawler');
  assert.equal(parsed.signal.persons[0].phones.length, 20);
  assert.deepEqual(built.omitted, { phones: 5, emails: 0, handles: 0, urls: 5 });
  // The most frequent city decides the municipality (13 ads in Utrecht, 12 in Amsterdam).
  assert.equal(parsed.signal.location?.municipality, 'GM0344');
  assert.deepEqual(parsed.signal.handles, [
    { platform: 'other', handle: 'kik:sara_1' },
    { platform: 'telegram', handle: 'sara' },
  ]);
  assert.match(parsed.signal.narrative, /Jeugd in 25 advertentie\(s\), bijv\. "net 18"/);
  assert.match(parsed.signal.narrative, /Utrecht \(13\), Amsterdam \(12\)/);
  assert.match(parsed.signal.narrative, /5 telefoonnummer\(s\)/);
});

test('dates after today are not taken as the observation date, and the key follows the set of ads', () => {
  const ads = [ad(1, { postedAt: '2030-01-01' }), ad(2, { postedAt: '2026-01-05' })];
  const first = clusterToSignal(
    'ON-1',
    { id: 'a', ads: ['x', 'y'], evidence: [] },
    ads,
    new Date('2026-03-01'),
  );
  assert.equal(first.submission.observedAt, '2026-01-05');
  const reordered = clusterToSignal('ON-1', { id: 'b', ads: ['y', 'x'], evidence: [] }, ads);
  const other = clusterToSignal('ON-1', { id: 'a', ads: ['x', 'z'], evidence: [] }, ads);
  assert.equal(first.idempotencyKey, reordered.idempotencyKey);
  assert.notEqual(first.idempotencyKey, other.idempotencyKey);
});

const hit = (id: string, evidence: string, scored = true) => ({
  id,
  version: 1,
  weight: scored ? 3 : 0,
  scored,
  label: { nl: id, en: id },
  evidence,
});

test('the indicators of a cluster travel as indicators with their facts and score through the triage rules', () => {
  // The case of issue 19: 17 ads, written by a third party, cues of a very young age, one number in 4 cities.
  const cities = ['Amsterdam', 'Utrecht', 'Rotterdam', 'Den Haag'];
  const ads = Array.from({ length: 17 }, (_, i) =>
    ad(i + 1, {
      city: cities[i % 4],
      phones: ['+31612345678'],
      assessment: {
        score: 9,
        indicators: [
          hit('third_party', 'bel haar via ons nummer'),
          hit('youth_cues', 'jong en onervaren'),
          ...(i < 12 ? [hit('many_cities_short_time', '4 steden in 9 dagen')] : []),
        ],
        information: [hit('ethnicity_or_origin', 'Roemeense', false)],
      },
    }),
  );
  const built = clusterToSignal('ON-1', { id: 'c', ads: ads.map((a) => a.url), evidence: [] }, ads);
  const parsed = parseSignal(built.submission);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  assert.deepEqual(parsed.signal.indicators, [
    {
      code: 'web.third_party',
      remark: 'In 17 van 17 advertentie(s) van dit cluster, bijv. "bel haar via ons nummer".',
    },
    {
      code: 'web.youth_cues',
      remark: 'In 17 van 17 advertentie(s) van dit cluster, bijv. "jong en onervaren".',
    },
    {
      code: 'web.many_cities_short_time',
      remark: 'In 12 van 17 advertentie(s) van dit cluster, bijv. "4 steden in 9 dagen".',
    },
  ]);
  // Information-only indicators stay in the narrative and never count.
  assert.ok(!parsed.signal.indicators.some((i) => i.code.includes('ethnicity')));
  const result = triage(parsed.signal, DEFAULT_RULE_SET);
  const indicatorReason = result.reasons.find((r) => r.code === 'indicators.sexual');
  assert.equal(indicatorReason?.points, 45); // 15 third party + 20 young age + 10 many cities
  assert.equal(result.score, 55); // and 10 for the suspected form
  assert.equal(result.priority, 'normal');
  assert.equal(result.route.code, 'police_avim');
});
