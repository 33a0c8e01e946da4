// Log groups are created before what writes to them, so retention applies from the first line
// and no role needs logs:CreateLogGroup.
import type * as pulumi from '@pulumi/pulumi';
import { LogGroup } from '@pulumi/aws/cloudwatch';

export interface LogGroupArgs {
  logGroupName: string;
  retentionDays: number;
}

export function createLogGroup(name: string, args: LogGroupArgs, parent: pulumi.Resource): LogGroup {
  return new LogGroup(name, { name: args.logGroupName, retentionInDays: args.retentionDays }, { parent });
}
