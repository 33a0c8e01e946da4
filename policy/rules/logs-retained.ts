// Promise: logs are kept for a set time: long enough to investigate, never forever by accident.
import { shown } from './props';
import type { ResourceRule, StackResource, StackRule, StackViolation } from './types';

const positiveInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value > 0;

export const cloudwatchLogRetention: ResourceRule = {
  name: 'cloudwatch-log-retention',
  description: 'CloudWatch log groups set retentionInDays (unset or 0 means kept forever).',
  resourceTypes: ['aws:cloudwatch/logGroup:LogGroup'],
  check({ props }) {
    if (positiveInteger(props.retentionInDays)) return [];
    return [
      `CloudWatch log group must set retentionInDays (unset or 0 keeps logs forever; got ${shown(props.retentionInDays)})`,
    ];
  },
};

export const logAnalyticsRetention: ResourceRule = {
  name: 'log-analytics-retention',
  description: 'Log Analytics workspaces set retentionInDays explicitly.',
  resourceTypes: ['azure-native:operationalinsights:Workspace'],
  check({ props }) {
    if (positiveInteger(props.retentionInDays)) return [];
    return [`Log Analytics workspace must set retentionInDays (got ${shown(props.retentionInDays)})`];
  },
};

const lambdaType = 'aws:lambda/function:Function';
const logGroupType = 'aws:cloudwatch/logGroup:LogGroup';

/** The log group Lambda writes to: loggingConfig.logGroup, else its default /aws/lambda/<name>. */
function logGroupOf(fn: StackResource): string | undefined {
  const config = fn.props.loggingConfig as { logGroup?: unknown } | undefined;
  if (typeof config?.logGroup === 'string' && config.logGroup !== '') return config.logGroup;
  return typeof fn.props.name === 'string' ? `/aws/lambda/${fn.props.name}` : undefined;
}

// Lambda creates a missing log group itself, without retention: the stack must own each one.
export const lambdaLogGroupInStack: StackRule = {
  name: 'lambda-log-group-in-stack',
  description: "Every Lambda function's log group is created by the stack (so the retention rule covers it).",
  check(resources) {
    const groups = new Set(resources.filter((r) => r.type === logGroupType).map((r) => r.props.name));
    const violations: StackViolation[] = [];
    for (const fn of resources.filter((r) => r.type === lambdaType)) {
      const group = logGroupOf(fn);
      if (group === undefined || !groups.has(group)) {
        violations.push({
          urn: fn.urn,
          message: `Lambda function ${fn.name} logs to ${group ?? 'a log group'} that this stack does not create, so Lambda would create it without retention; add a LogGroup with retentionInDays`,
        });
      }
    }
    return violations;
  },
};

export const logsRetainedRules: ResourceRule[] = [cloudwatchLogRetention, logAnalyticsRetention];
export const logsRetainedStackRules: StackRule[] = [lambdaLogGroupInStack];
