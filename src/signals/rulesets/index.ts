import { type RuleSet, ruleSetSchema } from '../ruleset.ts';
import defaultV1 from './default.v1.json' with { type: 'json' };

/**
 * The rule set shipped with Ketenplein: the first version in a new database and the fallback in tests.
 * Parsing it here makes a broken edit of the JSON fail at start-up rather than at the first signal.
 */
export const DEFAULT_RULE_SET: RuleSet = ruleSetSchema.parse(defaultV1);
