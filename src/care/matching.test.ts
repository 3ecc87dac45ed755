import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MATCHING_RULES, type MatchPlace, type MatchRequest, rankPlaces, unsuitable } from './matching.ts';

const now = new Date('2026-12-05T10:00:00Z');
const place = (id: string, over: Partial<MatchPlace> = {}): MatchPlace => ({
  id,
  kind: 'categorical',
  capacity: 4,
  occupancy: 1,
  genders: ['female'],
  minAge: 18,
  maxAge: 120,
  needs: [],
  municipalityCode: 'GM0193',
  region: 'VR04',
  figuresAt: now,
  ...over,
});
const request: MatchRequest = {
  needs: ['psychiatric'],
  gender: 'female',
  age: 25,
  avoidRegions: ['VR13'],
  avoidMunicipalities: ['GM0363'],
};

test('hard conditions exclude a place with the reason: full, gender, age, need, region of exploitation', () => {
  const codes = (p: MatchPlace) => unsuitable(request, p).map((r) => r.code);
  assert.deepEqual(codes(place('a', { needs: ['psychiatric'] })), []);
  assert.deepEqual(codes(place('b', { needs: ['psychiatric'], occupancy: 4 })), ['full']);
  assert.deepEqual(codes(place('c', { needs: ['psychiatric'], genders: ['male'] })), ['gender']);
  assert.deepEqual(codes(place('d', { needs: ['psychiatric'], minAge: 0, maxAge: 17 })), ['age']);
  assert.deepEqual(codes(place('e')), ['need:psychiatric']);
  assert.deepEqual(
    codes(place('f', { needs: ['psychiatric'], region: 'VR13', municipalityCode: 'GM0363' })),
    ['unsafe_region'],
  );
});

test('ranking: the suited type first, then free places; stale figures cost points; every point has a reason', () => {
  const result = rankPlaces(
    request,
    [
      place('cat', { needs: ['psychiatric'], capacity: 10, occupancy: 0 }),
      place('multi', { kind: 'multi_problem', needs: ['psychiatric'], capacity: 2, occupancy: 1 }),
      place('stale', {
        kind: 'multi_problem',
        needs: ['psychiatric'],
        capacity: 2,
        occupancy: 1,
        figuresAt: new Date(now.getTime() - 8 * 86_400_000),
      }),
      place('none'),
    ],
    now,
  );
  assert.equal(result.version, MATCHING_RULES.version);
  assert.deepEqual(
    result.ranked.map((r) => r.placeId),
    ['multi', 'cat', 'stale'],
  );
  assert.equal(result.excluded.length, 1);
  for (const ranked of result.ranked) {
    assert.equal(
      ranked.score,
      ranked.reasons.reduce((sum, r) => sum + r.points, 0),
    );
  }
  assert.ok(result.ranked[2].reasons.some((r) => r.code === 'stale'));
});

test('a minor is matched to protected youth places, a man to places for male victims', () => {
  const youth = rankPlaces(
    { ...request, needs: [], age: 16 },
    [place('y', { kind: 'youth_protected', minAge: 12, maxAge: 17 }), place('adult')],
    now,
  );
  assert.deepEqual(
    youth.ranked.map((r) => r.placeId),
    ['y'],
  );
  const male = rankPlaces(
    { ...request, needs: [], gender: 'male' },
    [place('m', { kind: 'male_victims', genders: ['male'] }), place('c', { genders: ['male', 'female'] })],
    now,
  );
  assert.equal(male.ranked[0].placeId, 'm');
});
