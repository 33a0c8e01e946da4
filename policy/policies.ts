// The pack's policies: every resource rule and stack rule, all mandatory.
import type { Policies } from '@pulumi/policy';
import { resourceRules, stackRules } from './rules';
import { toResourcePolicy, toStackPolicy } from './wiring';

export const policies: Policies = [...resourceRules.map(toResourcePolicy), ...stackRules.map(toStackPolicy)];
