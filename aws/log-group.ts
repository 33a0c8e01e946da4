// Log groups are created before what writes to them, so retention applies from the first line
// and no role needs logs:CreateLogGroup.
import * as pulumi from '@pulumi/pulumi';
import { LogGroup } from '@pulumi/aws/cloudwatch';

export function createLogGroup(
  resourceName: string,
  logGroupName: string,
  retentionInDays: number,
  parent: pulumi.Resource,
): LogGroup {
  return new LogGroup(resourceName, { name: logGroupName, retentionInDays }, { parent });
}
