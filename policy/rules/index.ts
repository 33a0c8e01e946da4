// Every rule of the pack, grouped by the promise it keeps (README "Reliability and security").
import { backupRules } from './backups';
import { deadLettersAlertedStackRules } from './dead-letters-alerted';
import { encryptionRules } from './encryption';
import { leastPrivilegeRules } from './least-privilege';
import { logsRetainedRules, logsRetainedStackRules } from './logs-retained';
import { noKeysRules } from './no-keys';
import { noPublicAccessRules } from './no-public-access';
import { signInRules } from './sign-in';
import { tlsRules, tlsStackRules } from './tls';
import type { ResourceRule, StackRule } from './types';

export const resourceRules: ResourceRule[] = [
  ...noKeysRules,
  ...leastPrivilegeRules,
  ...encryptionRules,
  ...backupRules,
  ...tlsRules,
  ...logsRetainedRules,
  ...noPublicAccessRules,
  ...signInRules,
];

export const stackRules: StackRule[] = [...tlsStackRules, ...logsRetainedStackRules, ...deadLettersAlertedStackRules];

export type { ResourceInput, ResourceRule, StackResource, StackRule, StackViolation } from './types';
