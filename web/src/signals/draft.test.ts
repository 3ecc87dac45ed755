import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSignal } from '../../../src/signals/parse.ts';
import type { LinkSuggestion, SignalView } from './api.ts';
import { emptyDraft, emptyPerson, errorField, toPayload } from './draft.ts';
import { buildNetwork } from './network.ts';

describe('intake form payload', () => {
  test('leaves empty optional fields out, so the API (which refuses empty strings) accepts it', () => {
    const draft = emptyDraft();
    draft.forms = ['labour'];
    draft.narrative = 'Werkt 14 uur per dag.';
    draft.persons = [{ ...emptyPerson(), surname: 'Popescu', phones: '06-12345678\n\n+31 6 8765 4321 ' }];
    draft.companies = [{ name: 'Snel BV', kvk: '', street: '', houseNumber: '', postcode: '', city: '' }];
    const payload = toPayload(draft);
    assert.deepEqual(payload, {
      channel: 'web_form',
      forms: ['labour'],
      narrative: 'Werkt 14 uur per dag.',
      persons: [{ role: 'possible_victim', surname: 'Popescu', phones: ['06-12345678', '+31 6 8765 4321'] }],
      companies: [{ name: 'Snel BV' }],
    });
    const parsed = parseSignal(payload);
    assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.errors));
  });

  test('a municipality chosen before switching abroad is not sent; a birth year is a number', () => {
    const draft = emptyDraft();
    draft.forms = ['sexual'];
    draft.narrative = 'x';
    draft.location = { ...draft.location, municipality: 'GM0363', postcode: '1011 AB', country: 'BE' };
    draft.persons = [{ ...emptyPerson(), birthYear: '2008' }];
    const payload = toPayload(draft) as { location: object; persons: { birthYear: number }[] };
    assert.deepEqual(payload.location, { country: 'BE' });
    assert.equal(payload.persons[0].birthYear, 2008);
  });

  test('API field paths find the form field that shows them', () => {
    assert.equal(errorField('persons.0.phones.1'), 'persons.0.phones');
    assert.equal(errorField('urls.2'), 'urls');
    assert.equal(errorField('indicators.3.code'), 'indicators');
    assert.equal(errorField('companies.1.address.postcode'), 'companies.1.postcode');
    assert.equal(errorField('location.postcode'), 'location.postcode');
  });
});

describe('network of confirmed links', () => {
  const signal = (id: string, phone: string, surname: string) =>
    ({
      id,
      receivedAt: '2026-01-01T00:00:00Z',
      persons: [
        {
          role: 'possible_victim',
          givenNames: 'A',
          prefix: null,
          surname,
          alias: null,
          phones: [phone],
          emails: [],
        },
      ],
      companies: [],
      vehicles: [],
      urls: [],
      handles: [],
    }) as unknown as SignalView;

  test('signals, their persons, and only the identifiers shared by more than one signal', () => {
    const a = signal('a', '+31612345678', 'Berg');
    const b = signal('b', '+31612345678', 'Popescu');
    const c = signal('c', '+31600000000', 'Jansen');
    const link = { id: 'l1', kind: 'phone' } as LinkSuggestion;
    const network = buildNetwork([a, b, c], [{ from: 'a', to: 'b', link }], {
      signal: (s) => `S ${s.id}`,
      link: (l) => l.kind,
      role: (r) => r,
    });
    const kinds = network.nodes.map((n) => `${n.kind}:${n.label}`).sort();
    assert.deepEqual(kinds, [
      'identifier:+31612345678',
      'person:A Berg',
      'person:A Jansen',
      'person:A Popescu',
      'signal:S a',
      'signal:S b',
      'signal:S c',
    ]);
    assert.ok(network.edges.some((e) => e.from === 's:a' && e.to === 's:b' && e.label === 'phone'));
    for (const node of network.nodes) assert.ok(Number.isFinite(node.x) && Number.isFinite(node.y));
  });
});
