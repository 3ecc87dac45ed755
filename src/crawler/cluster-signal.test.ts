import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSignal } from '../signals/parse.ts';
import { type ClusterAd, clusterToSignal } from './cluster-signal.ts';

const assessment = {
  score: 2,
  indicators: [
    {
      id: 'youth',
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
