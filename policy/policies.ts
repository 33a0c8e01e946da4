// The pack's policies: every resource rule and stack rule, mandatory unless the rule says advisory.
import type { Policies } from '@pulumi/policy';
import { resourceRules, stackRules } from './rules';
import { toResourcePolicy, toStackPolicy } from './wiring';

export const policies: Policies = [...resourceRules.map(toResourcePolicy), ...stackRules.map(toStackPolicy)];
