import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linker } from './linker.ts';

const template = (name: string, age: number, city: string) =>
  `Hoi, ik ben ${name}, ${age} jaar en nieuw in ${city}. Ik ontvang je graag in een rustige en discrete woning vlakbij het station. Bel of app voor een afspraak, minimaal een uur van tevoren.`;

const unrelated = [
  'Welkom in mijn studio aan de rand van de stad, parkeren is gratis en de koffie staat klaar voor je.',
  'Sportieve dame met krullend haar, spreekt Engels en Spaans, houdt van muziek en lange gesprekken.',
  'Alleen op doordeweekse avonden beschikbaar voor vaste gasten met respect voor privacy en hygiëne.',
  'Nieuw adres in het centrum, goed bereikbaar met tram en bus, stuur eerst een bericht met je vraag.',
  'Vrolijke levensgenieter met een warme lach en een zachte stem, graag tot ziens in mijn appartement.',
  'Ervaren masseuse met warme olie en zachte muziek om de stress van de lange werkweek te vergeten.',
  'Tijdelijk in de regio tijdens de zomermaanden, daarna weer terug naar het buitenland voor mijn studie.',
];

test('ads from one template link by text, naming the differing slots', () => {
  const linker = new Linker();
  linker.add({ id: 'a', text: template('Lisa', 23, 'Utrecht') });
  linker.add({ id: 'b', text: template('Sanne', 21, 'Rotterdam') });
  linker.add({ id: 'c', text: unrelated[0] });
  const { clusters } = linker.clusters();
  const ab = clusters.find((c) => c.ads.includes('a'))!;
  assert.deepEqual(ab.ads, ['a', 'b']);
  assert.equal(ab.evidence[0].kind, 'text');
  assert.match(ab.evidence[0].detail, /^\d+% same template, differing slots: name, age, city$/);
  assert.deepEqual(clusters.find((c) => c.ads.includes('c'))!.ads, ['c']);
});

test('shared phone, e-mail and near-identical image link; every ad in exactly one cluster', () => {
  const linker = new Linker();
  linker.add({ id: '1', text: unrelated[0], phones: ['+31612345678'] });
  linker.add({ id: '2', text: unrelated[1], phones: ['+31612345678'], emails: ['x@example.nl'] });
  linker.add({ id: '3', text: unrelated[2], emails: ['x@example.nl'] });
  linker.add({ id: '4', text: unrelated[3], imageHashes: ['00ff00ff00ff00ff'] });
  linker.add({ id: '5', text: unrelated[4], imageHashes: ['00ff00ff00ff00fc'] });
  linker.add({ id: '6', text: unrelated[5], imageHashes: ['ff00ff00ff00ff00'] });
  const { clusters } = linker.clusters();
  const all = clusters.flatMap((c) => c.ads).sort();
  assert.deepEqual(all, ['1', '2', '3', '4', '5', '6']);
  const by = (id: string) => clusters.find((c) => c.ads.includes(id))!;
  assert.deepEqual(by('1').ads, ['1', '2', '3']);
  assert.deepEqual(
    by('1').evidence.map((e) => [e.kind, e.detail]),
    [
      ['phone', 'same phone +31612345678'],
      ['email', 'same e-mail x@example.nl'],
    ],
  );
  assert.deepEqual(by('4').ads, ['4', '5']);
  assert.equal(by('4').evidence[0].detail, 'image hash distance 2');
  assert.deepEqual(by('6').ads, ['6']);
});

test('an agency number shared by many unrelated advertisers is cut, with the reason', () => {
  const linker = new Linker();
  for (let i = 0; i < 7; i++) {
    // Each advertiser: own phone, two ads; all of them also list the agency number.
    for (const n of [0, 1]) {
      linker.add({ id: `adv${i}-${n}`, text: unrelated[i], phones: [`+3161000000${i}`, '+31201234567'] });
    }
  }
  const { clusters, guarded } = linker.clusters();
  assert.equal(clusters.length, 7);
  for (const cluster of clusters) assert.equal(new Set(cluster.ads.map((a) => a.split('-')[0])).size, 1);
  assert.equal(guarded.length, 1);
  assert.equal(guarded[0].value, '+31201234567');
  assert.equal(guarded[0].groups, 7);
  assert.match(guarded[0].reason.nl, /niet gebruikt om te koppelen/);
});

test('an operator phone with many ads from few templates is kept', () => {
  const linker = new Linker();
  for (let i = 0; i < 12; i++)
    linker.add({ id: `op${i}`, text: template(`N${i}`, 20 + i, 'Breda'), phones: ['+31611111111'] });
  const { clusters, guarded } = linker.clusters();
  assert.equal(guarded.length, 0);
  assert.equal(clusters.length, 1);
  assert.ok(
    clusters[0].evidence.some((e) => e.kind === 'phone' && e.score < 1),
    'phone link down-weighted',
  );
});

test('clustering is incremental: adding ads later gives the same result as all at once', () => {
  const ads = [0, 1, 2, 3].map((i) => ({ id: `t${i}`, text: template(`N${i}`, 20 + i, 'Ede') }));
  const once = new Linker();
  for (const ad of ads) once.add(ad);
  const step = new Linker();
  step.add(ads[0]);
  step.add(ads[1]);
  assert.equal(step.clusters().clusters.length, 1);
  step.add(ads[2]);
  step.add(ads[3]);
  assert.deepEqual(
    step.clusters().clusters.map((c) => c.ads),
    once.clusters().clusters.map((c) => c.ads),
  );
  assert.throws(() => step.add(ads[0]), /already added/);
});
