import { registerRules } from '../../access/policy.ts';
import { signalRules } from '../../access/rules/signals.ts';
import './tables.ts';

// The signal rules join the policy when the signal store is first used.
registerRules(signalRules);

export { type IntakeReceipt, submitSignal } from './intake.ts';
export { decideLink, listLinks } from './links.ts';
export { getSignal, listQueue, type Queue } from './read.ts';
export { activeRuleSet, createRuleSet, listRuleSets } from './rulesets.ts';
export { transitionSignal } from './transitions.ts';
