import { exploitationForm, type FormCode } from '../domain/forms.ts';
import { findIndicator, indicatorReasonForm } from '../domain/indicators.ts';
import type { Label, Lang } from '../domain/label.ts';
import { ROUTES, type Route } from './routes.ts';
import { type LinkKind, PRIORITIES, type Priority, type RouteCondition, type RuleSet } from './ruleset.ts';
import type { SignalInput } from './schema.ts';

/** What triage looks at: a validated signal (or the stored equivalent). */
export type TriageFacts = Pick<SignalInput, 'forms' | 'indicators' | 'involvesMinor'> & {
  persons: readonly Pick<SignalInput['persons'][number], 'role' | 'minor'>[];
  location?: { country: string };
};

/** How many earlier signals share an identifier of this kind with the signal being scored. */
export interface RepeatLink {
  kind: LinkKind;
  earlierSignals: number;
}

export interface TriageReason {
  code: string;
  points: number;
  label: Label;
}

export interface TriageResult {
  ruleSetVersion: number;
  score: number;
  priority: Priority;
  /** Why the priority is higher than the score alone gives, if it is. */
  priorityReason?: Label;
  route: Route;
  routeRuleId: string | null;
  routeReason: Label;
  reasons: TriageReason[];
}

const LINK_NOUNS: Record<LinkKind, Label> = {
  phone: { nl: 'telefoonnummer', en: 'phone number' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  kvk: { nl: 'KvK-nummer', en: 'KvK number' },
  plate: { nl: 'kenteken', en: 'licence plate' },
  url: { nl: 'URL', en: 'URL' },
  handle: { nl: 'online account', en: 'online handle' },
  person: { nl: 'persoon', en: 'person' },
};

/** "minderjarige betrokken +40": the reason as shown to a triage analyst. */
export function formatReason(reason: TriageReason, lang: Lang = 'nl'): string {
  const sign = reason.points < 0 ? '−' : '+';
  return `${reason.label[lang]} ${sign}${Math.abs(reason.points)}`;
}

function minorReason(facts: TriageFacts, ruleSet: RuleSet): TriageReason | undefined {
  if (facts.persons.some((person) => person.minor === 'minor')) {
    return {
      code: 'minor',
      points: ruleSet.minor.minor,
      label: { nl: 'minderjarige betrokken', en: 'minor involved' },
    };
  }
  if (facts.persons.some((person) => person.minor === 'possibly_minor')) {
    return {
      code: 'possibly_minor',
      points: ruleSet.minor.possiblyMinor,
      label: { nl: 'mogelijk minderjarige betrokken', en: 'possibly a minor involved' },
    };
  }
  return undefined;
}

function formReasons(facts: TriageFacts, ruleSet: RuleSet): TriageReason[] {
  return facts.forms.flatMap((code) => {
    const points = ruleSet.forms[code] ?? 0;
    if (points === 0) return [];
    const label = exploitationForm(code).label;
    return [
      {
        code: `form.${code}`,
        points,
        label: { nl: `vermoede vorm: ${label.nl}`, en: `suspected form: ${label.en}` },
      },
    ];
  });
}

/** Indicator points, summed per form they point to ("3 arbeidsuitbuitingsindicatoren +30"). */
function indicatorReasons(facts: TriageFacts, ruleSet: RuleSet): TriageReason[] {
  const groups = new Map<FormCode, { count: number; points: number }>();
  for (const { code } of facts.indicators) {
    const indicator = findIndicator(code);
    if (!indicator) continue; // refused at intake; a retired code in an old signal no longer scores
    const form = indicatorReasonForm(indicator);
    const group = groups.get(form) ?? { count: 0, points: 0 };
    group.count += 1;
    group.points += ruleSet.indicators.weights[code] ?? ruleSet.indicators.defaultWeight;
    groups.set(form, group);
  }
  return [...groups].map(([form, group]) => {
    const cap = ruleSet.indicators.maxPerForm;
    const points = cap === undefined ? group.points : Math.min(group.points, cap);
    const noun = exploitationForm(form).indicatorNoun[group.count === 1 ? 'one' : 'many'];
    return {
      code: `indicators.${form}`,
      points,
      label: { nl: `${group.count} ${noun.nl}`, en: `${group.count} ${noun.en}` },
    };
  });
}

/** Points for identifiers seen in earlier signals, in the given order, up to the rule set's cap. */
function linkReasons(links: readonly RepeatLink[], ruleSet: RuleSet): TriageReason[] {
  let room = ruleSet.repeatLinks.max;
  const reasons: TriageReason[] = [];
  for (const link of links) {
    if (link.earlierSignals <= 0) continue;
    const wanted = (ruleSet.repeatLinks.perEarlierSignal[link.kind] ?? 0) * link.earlierSignals;
    const points = Math.min(wanted, room);
    if (points <= 0) continue;
    room -= points;
    const noun = LINK_NOUNS[link.kind];
    const n = link.earlierSignals;
    reasons.push({
      code: `link.${link.kind}`,
      points,
      label: {
        nl: `${noun.nl} gezien in ${n} eerdere ${n === 1 ? 'melding' : 'meldingen'}`,
        en: `${noun.en} seen in ${n} earlier ${n === 1 ? 'signal' : 'signals'}`,
      },
    });
  }
  return reasons;
}

function matches(when: RouteCondition, facts: TriageFacts, score: number): boolean {
  if (when.formsAny && !when.formsAny.some((form) => facts.forms.includes(form))) return false;
  if (when.indicatorsAny && !facts.indicators.some((item) => when.indicatorsAny!.includes(item.code)))
    return false;
  if (when.minor !== undefined && when.minor !== facts.involvesMinor) return false;
  if (when.minScore !== undefined && score < when.minScore) return false;
  if (
    when.abroad !== undefined &&
    when.abroad !== (facts.location !== undefined && facts.location.country !== 'NL')
  ) {
    return false;
  }
  if (when.hasPossibleVictim !== undefined) {
    const hasVictim = facts.persons.some((person) => person.role === 'possible_victim');
    if (when.hasPossibleVictim !== hasVictim) return false;
  }
  return true;
}

function priorityFor(score: number, ruleSet: RuleSet): Priority {
  return ruleSet.priorities.find((band) => score >= band.minScore)?.priority ?? 'low';
}

const rank = (priority: Priority) => PRIORITIES.indexOf(priority); // 0 is most urgent

/**
 * Scores a signal with a rule set: the score is the sum of the reasons' points (never below 0),
 * the priority follows from the score bands, the route from the first matching route rule.
 */
export function triage(
  facts: TriageFacts,
  ruleSet: RuleSet,
  links: readonly RepeatLink[] = [],
): TriageResult {
  const minor = minorReason(facts, ruleSet);
  const reasons = [
    ...(minor ? [minor] : []),
    ...formReasons(facts, ruleSet),
    ...indicatorReasons(facts, ruleSet),
    ...linkReasons(links, ruleSet),
  ].filter((reason) => reason.points !== 0);
  const score = Math.max(
    0,
    reasons.reduce((sum, reason) => sum + reason.points, 0),
  );

  let priority = priorityFor(score, ruleSet);
  let priorityReason: Label | undefined;
  const floor = ruleSet.minorMinimumPriority;
  if (facts.involvesMinor && floor && rank(floor) < rank(priority)) {
    priority = floor;
    priorityReason = {
      nl: `minderjarige betrokken: prioriteit minstens ${floor}`,
      en: `minor involved: priority at least ${floor}`,
    };
  }

  const rule = ruleSet.routes.find((candidate) => matches(candidate.when, facts, score));
  return {
    ruleSetVersion: ruleSet.version,
    score,
    priority,
    ...(priorityReason ? { priorityReason } : {}),
    route: ROUTES[rule?.route ?? ruleSet.defaultRoute.route],
    routeRuleId: rule?.id ?? null,
    routeReason: rule?.reason ?? ruleSet.defaultRoute.reason,
    reasons,
  };
}
