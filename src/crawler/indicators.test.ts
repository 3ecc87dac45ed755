import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AdForIndicators, assessAd, buildContext, INDICATORS } from './indicators.ts';

const base = (over: Partial<AdForIndicators>): AdForIndicators => ({
  id: 'x',
  text: 'Hoi, ik ben Lisa. Ik ontvang je graag in een rustige woning.',
  phones: [],
  ...over,
});

test('text indicators fire with the triggering snippet, version and weight', () => {
  const ad = base({
    text: 'Zij is nieuw in de stad. 24/7 beschikbaar. Alles mogelijk, zonder bescherming bespreekbaar.',
  });
  const result = assessAd(ad, buildContext([ad]));
  const ids = result.indicators.map((h) => h.id);
  assert.deepEqual(ids.sort(), ['availability_24_7', 'risky_services', 'third_party'].sort());
  const third = result.indicators.find((h) => h.id === 'third_party')!;
  assert.equal(third.version, 1);
  assert.match(third.evidence, /Zij is nieuw/);
  assert.equal(
    result.score,
    INDICATORS.thirdParty.weight + INDICATORS.availability.weight + INDICATORS.riskyServices.weight,
  );
});

test('a neutral ad scores zero', () => {
  const ad = base({});
  assert.equal(assessAd(ad, buildContext([ad])).score, 0);
});

test('ethnicity and origin are information only, never scored, with the reason', () => {
  const ad = base({ text: 'Nieuwe Roemeense dame, ik spreek Engels.' });
  const result = assessAd(ad, buildContext([ad]));
  assert.equal(result.score, 0);
  assert.deepEqual(result.information.map((h) => h.id).sort(), ['ethnicity_or_origin', 'language_spoken']);
  for (const info of result.information) {
    assert.equal(info.scored, false);
    assert.equal(info.weight, 0);
    assert.match(info.notScoredBecause!.nl, /telt|tellen/);
  }
});

test('context indicators: many ads and persons per phone, many cities, low price, young stated age', () => {
  const phone = '+31611111111';
  const cities = ['Utrecht', 'Breda', 'Zwolle', 'Ede', 'Delft'];
  const ads = cities.map((city, i) =>
    base({
      id: `a${i}`,
      title: `Nieuw in ${city}`,
      text: `Hoi, ik ben ${['Lisa', 'Mira'][i % 2]}. Ik ontvang je graag in een rustige woning.`,
      city,
      postedAt: new Date(Date.UTC(2026, 0, 1 + i * 2)).toISOString(),
      phones: [phone],
      price: 150,
    }),
  );
  const cheap = base({ id: 'cheap', city: 'Utrecht', price: 50, statedAge: 18, phones: ['+31622222222'] });
  const context = buildContext([...ads, cheap]);
  const first = assessAd(ads[0], context);
  const ids = first.indicators.map((h) => h.id);
  for (const id of ['many_ads_per_phone', 'phone_several_persons', 'many_cities_short_time'])
    assert.ok(ids.includes(id), id);
  assert.match(
    first.indicators.find((h) => h.id === 'many_cities_short_time')!.evidence,
    /5 cities within 14 days/,
  );
  const lone = assessAd(cheap, context);
  assert.deepEqual(lone.indicators.map((h) => h.id).sort(), ['price_far_below_norm', 'youth_cues']);
  assert.match(
    lone.indicators.find((h) => h.id === 'price_far_below_norm')!.evidence,
    /€ 50 against a median of € 150/,
  );
});
