import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Linker } from './linker.ts';
import { findPhones } from './phones.ts';

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

// Issue 13: linking that holds on ads it was not tuned to.
const SENTENCES = [
  'Welkom in mijn studio aan de rand van de stad.',
  'Parkeren is gratis en de koffie staat klaar.',
  'Ik spreek Engels en een beetje Spaans.',
  'Op doordeweekse avonden ben ik het best bereikbaar.',
  'Hygiëne en respect vind ik heel belangrijk.',
  'Stuur eerst een berichtje, dan bel ik terug.',
  'Betalen kan contant of vooraf.',
  'Ik hou van dansen, koken en lange wandelingen.',
  'Anoniem nummer wordt niet opgenomen.',
  'Douche en handdoeken zijn aanwezig.',
  'Kom ontspannen na een lange werkdag.',
  'Foto’s zijn echt en recent.',
  'Alleen nette heren graag.',
  'Mijn flat ligt vlak bij het station.',
  'Ik werk zelfstandig, zonder bureau.',
];

test('30 ads of one operator with one number and texts that share no sentence → one cluster', () => {
  const linker = new Linker();
  // Every sentence of every ad is its own combination of subject, verb and object: no sentence repeats.
  const who = ['Ik', 'Mijn vriendin', 'Onze dame', 'Lisa', 'Zij', 'Het meisje'];
  const does = ['ontvangt', 'verwelkomt', 'begroet', 'bezoekt', 'verwent'];
  const what = ['heren', 'gasten', 'zakenmensen', 'toeristen', 'studenten', 'vaste klanten'];
  for (let i = 0; i < 30; i++) {
    const text = [0, 1, 2]
      .map((k) => {
        const n = i * 3 + k;
        return `${who[n % 6]} ${does[Math.floor(n / 6) % 5]} ${what[Math.floor(n / 30) % 6]} op dag ${n}.`;
      })
      .join(' ');
    linker.add({ id: `op-${i}`, text, phones: ['+31612345678'] });
  }
  for (let i = 0; i < 6; i++) linker.add({ id: `ind-${i}`, text: unrelated[i], phones: [`+3162000000${i}`] });
  const { clusters, guarded } = linker.clusters();
  assert.deepEqual(guarded, [], 'the only identifier of its ads is not a decoy');
  const op = clusters.find((c) => c.ads.includes('op-0'))!;
  assert.equal(op.ads.length, 30);
  assert.ok(op.evidence.every((e) => e.kind === 'phone' && e.detail === 'same phone +31612345678'));
  assert.equal(clusters.length, 7);
});

/** One operator's template, perturbed per ad: a sentence dropped, the order rotated, a typo. */
function operatorAd(template: string[], i: number): string {
  const kept = template.filter((_, k) => k !== i % template.length);
  const rotated = [...kept.slice(i % 3), ...kept.slice(0, i % 3)];
  return rotated.join(' ').replace('belangrijk', i % 2 ? 'belangrjik' : 'belangrijk');
}

test('an operator with three numbers used in turn → one cluster, joined by its template', () => {
  const template = SENTENCES.slice(0, 8);
  const linker = new Linker();
  const numbers = ['+31611111111', '+31622222222', '+31633333333'];
  for (let i = 0; i < 15; i++)
    linker.add({ id: `op-${i}`, text: operatorAd(template, i), phones: [numbers[Math.floor(i / 5)]] });
  // Independents write from the same sentences, each its own selection, each its own number.
  for (let i = 0; i < 5; i++) {
    const own = [SENTENCES[i], SENTENCES[i + 5], SENTENCES[i + 10]];
    for (let n = 0; n < 3; n++)
      linker.add({ id: `ind${i}-${n}`, text: own.join(' '), phones: [`+3164000000${i}`] });
  }
  const { clusters } = linker.clusters();
  const op = clusters.find((c) => c.ads.includes('op-0'))!;
  assert.deepEqual(op.ads.sort(), Array.from({ length: 15 }, (_, i) => `op-${i}`).sort());
  assert.ok(
    op.evidence.some((e) => e.kind === 'text' && /same (template|text|operator template)/.test(e.detail)),
  );
  for (let i = 0; i < 5; i++) assert.equal(clusters.find((c) => c.ads.includes(`ind${i}-0`))!.ads.length, 3);
});

test('a number only spelled out in words links the ads that show it', () => {
  const texts = [
    'Lieve dame in Utrecht. Bel nul zes een twee drie vier vijf zes zeven acht.',
    'Nieuw in Breda, discreet en vriendelijk. App: nul zes twaalf vierendertig zesenvijftig achtenzeventig',
    'Sweet lady visiting Delft. Call zero six one two three four five six seven eight!',
  ];
  const linker = new Linker();
  texts.forEach((text, i) => {
    linker.add({ id: `w${i}`, text, phones: findPhones(text).map((p) => p.e164) });
  });
  const { clusters } = linker.clusters();
  assert.equal(clusters.length, 1);
  assert.deepEqual([...new Set(clusters[0].evidence.map((e) => e.detail))], ['same phone +31612345678']);
});
