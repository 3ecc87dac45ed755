import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRuleSet, type RuleSet } from './ruleset.ts';
import { DEFAULT_RULE_SET } from './rulesets/index.ts';
import { formatReason, type TriageFacts, triage } from './triage.ts';

function facts(overrides: Partial<TriageFacts> = {}): TriageFacts {
  return { forms: ['unknown'], indicators: [], involvesMinor: false, persons: [], ...overrides };
}

const labourIndicators = ['ilo.deception', 'ilo.isolation', 'ilo.excessive_overtime'].map((code) => ({
  code,
}));

/** A small rule set whose numbers are easy to follow in the assertions. */
function simpleRules(changes: Partial<RuleSet> = {}): RuleSet {
  const parsed = parseRuleSet({
    version: 7,
    name: 'test',
    indicators: { defaultWeight: 10, weights: { 'ilo.deception': 0 } },
    forms: { labour: 5 },
    minor: { minor: 40, possiblyMinor: 20 },
    repeatLinks: { perEarlierSignal: { phone: 10, email: 10 }, max: 25 },
    priorities: [
      { priority: 'urgent', minScore: 80 },
      { priority: 'high', minScore: 50 },
      { priority: 'normal', minScore: 20 },
      { priority: 'low', minScore: 0 },
    ],
    minorMinimumPriority: 'high',
    routes: [
      {
        id: 'minor',
        when: { minor: true },
        route: 'police_avim',
        reason: { nl: 'minderjarig', en: 'minor' },
      },
      {
        id: 'labour-serious',
        when: { formsAny: ['labour'], minScore: 30 },
        route: 'inspectie_szw_opsporing',
        reason: { nl: 'ernstig', en: 'serious' },
      },
      {
        id: 'labour',
        when: { formsAny: ['labour'] },
        route: 'inspectie_szw_toezicht',
        reason: { nl: 'a', en: 'a' },
      },
      { id: 'abroad', when: { abroad: true }, route: 'kmar', reason: { nl: 'grens', en: 'border' } },
    ],
    defaultRoute: { route: 'riec', reason: { nl: 'anders', en: 'otherwise' } },
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  return { ...parsed.ruleSet, ...changes };
}

describe('triage scoring', () => {
  it('sums weighted reasons and shows them with their points', () => {
    const result = triage(
      facts({
        forms: ['labour'],
        indicators: labourIndicators,
        involvesMinor: true,
        persons: [{ role: 'possible_victim', minor: 'minor' }],
      }),
      simpleRules(),
      [{ kind: 'phone', earlierSignals: 2 }],
    );
    assert.deepEqual(
      result.reasons.map((reason) => formatReason(reason)),
      [
        'minderjarige betrokken +40',
        'vermoede vorm: Arbeidsuitbuiting (incl. gedwongen bedelarij en diensten) +5',
        '3 arbeidsuitbuitingsindicatoren +20', // deception weighs 0 in this rule set
        'telefoonnummer gezien in 2 eerdere meldingen +20',
      ],
    );
    assert.equal(result.score, 85);
    assert.equal(result.priority, 'urgent');
    assert.equal(result.route.code, 'police_avim');
    assert.equal(result.route.track, 'criminal');
    assert.equal(result.routeRuleId, 'minor');
    assert.equal(result.ruleSetVersion, 7);
    assert.equal(formatReason(result.reasons[0], 'en'), 'minor involved +40');
  });

  it('routes by the first matching rule and falls back to the default route', () => {
    const rules = simpleRules();
    const light = triage(facts({ forms: ['labour'], indicators: [{ code: 'ilo.isolation' }] }), rules);
    assert.equal(light.score, 15);
    assert.equal(light.route.code, 'inspectie_szw_toezicht');
    assert.equal(light.route.track, 'administrative');
    const serious = triage(facts({ forms: ['labour'], indicators: labourIndicators }), rules);
    assert.equal(serious.score, 25);
    assert.equal(serious.route.code, 'inspectie_szw_toezicht');
    const withLink = triage(facts({ forms: ['labour'], indicators: labourIndicators }), rules, [
      { kind: 'email', earlierSignals: 1 },
    ]);
    assert.equal(withLink.score, 35);
    assert.equal(withLink.route.code, 'inspectie_szw_opsporing');
    const abroad = triage(facts({ location: { country: 'RO' } }), rules);
    assert.equal(abroad.route.code, 'kmar');
    const nothing = triage(facts({ location: { country: 'NL' } }), rules);
    assert.equal(nothing.route.code, 'riec');
    assert.equal(nothing.routeRuleId, null);
    assert.equal(nothing.score, 0);
    assert.equal(nothing.priority, 'low');
  });

  it('raises the priority for a minor even when the score is low', () => {
    const result = triage(
      facts({ involvesMinor: true, persons: [{ role: 'possible_victim', minor: 'possibly_minor' }] }),
      simpleRules(),
    );
    assert.equal(result.score, 20);
    assert.equal(formatReason(result.reasons[0]), 'mogelijk minderjarige betrokken +20');
    assert.equal(result.priority, 'high');
    assert.ok(result.priorityReason?.nl.includes('minderjarige'));
  });

  it('caps repeat-link points and indicator points per form', () => {
    const links = triage(facts(), simpleRules(), [
      { kind: 'phone', earlierSignals: 2 },
      { kind: 'email', earlierSignals: 3 },
    ]);
    assert.deepEqual(
      links.reasons.map((reason) => reason.points),
      [20, 5],
    );
    const capped = triage(
      facts({ indicators: ['om.1a.fear', 'om.1a.illegal_stay', 'om.1b.debts'].map((code) => ({ code })) }),
      simpleRules({ indicators: { defaultWeight: 10, weights: {}, maxPerForm: 15 } }),
    );
    assert.deepEqual(
      capped.reasons.map((reason) => formatReason(reason)),
      ['3 algemene indicatoren +15'],
    );
  });

  it('never gives a negative score', () => {
    const result = triage(facts({ forms: ['other'] }), simpleRules({ forms: { other: -30 } }));
    assert.equal(result.score, 0);
    assert.equal(formatReason(result.reasons[0]).endsWith('−30'), true);
  });

  it('scores the shipped rule set as expected for a typical labour signal', () => {
    const result = triage(
      facts({
        forms: ['labour'],
        indicators: labourIndicators,
        persons: [{ role: 'possible_victim', minor: 'adult' }],
      }),
      DEFAULT_RULE_SET,
    );
    assert.equal(result.ruleSetVersion, DEFAULT_RULE_SET.version);
    assert.equal(formatReason(result.reasons[1]), '3 arbeidsuitbuitingsindicatoren +30');
    assert.equal(result.route.code, 'inspectie_szw_toezicht');
  });
});

describe('rule set validation', () => {
  it('accepts the shipped rule set', () => {
    assert.ok(parseRuleSet(DEFAULT_RULE_SET).ok);
  });

  it('refuses unknown indicator codes, routes and fields, and disordered priority bands', () => {
    const broken = structuredClone(DEFAULT_RULE_SET) as unknown as Record<string, unknown>;
    (broken.indicators as { weights: Record<string, number> }).weights['om.9.nonsense'] = 5;
    (broken.routes as { route: string }[])[0].route = 'ministry';
    (broken.priorities as { minScore: number }[])[1].minScore = 95;
    broken.colour = 'red';
    const result = parseRuleSet(broken);
    assert.ok(!result.ok);
    const found = result.errors.map((error) => `${error.field}:${error.code}`).sort();
    assert.deepEqual(found, [
      'colour:unknown_field',
      'indicators.weights.om.9.nonsense:indicator_unknown',
      'priorities.1.minScore:priorities_order',
      'routes.0.route:invalid_value',
    ]);
  });

  it('requires the lowest band to cover a score of 0 and unique rule ids', () => {
    const broken = structuredClone(DEFAULT_RULE_SET);
    broken.priorities[broken.priorities.length - 1].minScore = 10;
    broken.routes[1].id = broken.routes[0].id;
    const result = parseRuleSet(broken);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((error) => error.code).sort(), ['duplicate', 'priorities_gap']);
  });
});
