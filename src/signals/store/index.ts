import './tables.ts';

export { type IntakeReceipt, submitSignal } from './intake.ts';
export { decideLink, listLinks } from './links.ts';
export { getNetwork, MAX_NETWORK_SIGNALS } from './network.ts';
export { getSignal, listQueue, listQueuePage, QUEUE_SORTS, type Queue } from './read.ts';
export { activeRuleSet, createRuleSet, listRuleSets } from './rulesets.ts';
export { transitionSignal } from './transitions.ts';
