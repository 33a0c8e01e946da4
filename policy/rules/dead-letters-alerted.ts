// Promise: an event that lands in a dead-letter destination pages someone; nobody has to go looking.
// Resources are matched by property dependency (the URNs a property came from) when the engine
// knows it, else by value (ARN, name), as function-app-ftp-disabled does.
import { asList, isRecord, recordAt } from './props';
import type { StackResource, StackRule, StackViolation } from './types';

const queueType = 'aws:sqs/queue:Queue';
const alarmType = 'aws:cloudwatch/metricAlarm:MetricAlarm';
const metricAlertType = 'azure-native:monitor:MetricAlert';

/** AWS resources that name a dead-letter / on-failure destination, and the property that holds its ARN. */
const awsDestinationProperties: Record<string, { property: string; arn: (props: Record<string, unknown>) => unknown }> =
  {
    'aws:cloudwatch/eventTarget:EventTarget': {
      property: 'deadLetterConfig',
      arn: (p) => recordAt(p, 'deadLetterConfig').arn,
    },
    'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig': {
      property: 'destinationConfig',
      arn: (p) => recordAt(recordAt(p, 'destinationConfig'), 'onFailure').destination,
    },
    'aws:lambda/eventSourceMapping:EventSourceMapping': {
      property: 'destinationConfig',
      arn: (p) => recordAt(recordAt(p, 'destinationConfig'), 'onFailure').destinationArn,
    },
  };

const eventGridSubscriptionTypes = [
  'azure-native:eventgrid:TopicEventSubscription',
  'azure-native:eventgrid:EventSubscription',
];

const dependsOn = (resource: StackResource, property: string, urn: string) =>
  resource.propertyDependencies?.[property]?.includes(urn) ?? false;
const knowsDependencies = (resource: StackResource, property: string) =>
  (resource.propertyDependencies?.[property]?.length ?? 0) > 0;

/** The queues a resource sends its failures to. */
function deadLetterQueuesOf(resource: StackResource, queues: StackResource[]): StackResource[] {
  const { property, arn } = awsDestinationProperties[resource.type];
  if (knowsDependencies(resource, property)) return queues.filter((q) => dependsOn(resource, property, q.urn));
  const target = arn(resource.props);
  return target === undefined ? [] : queues.filter((q) => q.props.arn === target);
}

/** A CloudWatch alarm that notifies someone when the queue holds any message. */
function alarmsOnQueue(alarm: StackResource, queue: StackResource): boolean {
  const p = alarm.props;
  if (p.namespace !== 'AWS/SQS' || p.metricName !== 'ApproximateNumberOfMessagesVisible') return false;
  if (asList(p.alarmActions).length === 0) return false;
  if (
    !(p.comparisonOperator === 'GreaterThanThreshold' && p.threshold === 0) &&
    !(p.comparisonOperator === 'GreaterThanOrEqualToThreshold' && p.threshold === 1)
  )
    return false;
  if (knowsDependencies(alarm, 'dimensions')) return dependsOn(alarm, 'dimensions', queue.urn);
  return recordAt(p, 'dimensions').QueueName === queue.props.name;
}

/** An Azure metric alert on the topic's DeadLetteredCount (any at all) that notifies an action group. */
function alertsOnDeadLetters(
  alert: StackResource,
  subscription: StackResource,
  resources: readonly StackResource[],
): boolean {
  const p = alert.props;
  const criteria = asList(recordAt(p, 'criteria').allOf).filter(isRecord);
  const onDeadLetters = criteria.some(
    (c) => c.metricName === 'DeadLetteredCount' && c.operator === 'GreaterThan' && c.threshold === 0,
  );
  const notifies = asList(p.actions).some(
    (a) => isRecord(a) && typeof a.actionGroupId === 'string' && a.actionGroupId !== '',
  );
  if (!onDeadLetters || !notifies) return false;
  const topicUrns = subscription.propertyDependencies?.topicName ?? [];
  if (topicUrns.length > 0 && knowsDependencies(alert, 'scopes'))
    return topicUrns.some((urn) => dependsOn(alert, 'scopes', urn));
  // By value: the alert's scope is the id of the topic the subscription names.
  const topic = resources.find(
    (r) => r.type === 'azure-native:eventgrid:Topic' && r.props.name === subscription.props.topicName,
  );
  return topic !== undefined && asList(p.scopes).includes(topic.props.id);
}

function deadLetterContainer(subscription: StackResource): string | undefined {
  const destination = isRecord(subscription.props.deadLetterDestination)
    ? subscription.props.deadLetterDestination
    : recordAt(recordAt(subscription.props, 'deadLetterWithResourceIdentity'), 'deadLetterDestination');
  return typeof destination.blobContainerName === 'string' ? destination.blobContainerName : undefined;
}

export const deadLettersAlerted: StackRule = {
  name: 'dead-letters-alerted',
  description:
    'Every dead-letter destination has an alert that notifies someone: a CloudWatch alarm on each dead-letter/on-failure SQS queue (any visible message), an Azure Monitor alert on each dead-lettering Event Grid topic (DeadLetteredCount > 0).',
  check(resources) {
    const violations: StackViolation[] = [];
    const queues = resources.filter((r) => r.type === queueType);
    const alarms = resources.filter((r) => r.type === alarmType);
    const destinations = new Map<string, { queue: StackResource; users: string[] }>();
    for (const resource of resources.filter((r) => r.type in awsDestinationProperties)) {
      for (const queue of deadLetterQueuesOf(resource, queues)) {
        const entry = destinations.get(queue.urn) ?? { queue, users: [] };
        entry.users.push(resource.name);
        destinations.set(queue.urn, entry);
      }
    }
    for (const { queue, users } of destinations.values()) {
      if (alarms.some((alarm) => alarmsOnQueue(alarm, queue))) continue;
      violations.push({
        urn: queue.urn,
        message: `dead-letter queue ${queue.name} (failures of ${users.join(', ')}) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible > 0 with alarmActions; add one so a failed event pages someone`,
      });
    }

    const alerts = resources.filter((r) => r.type === metricAlertType);
    for (const subscription of resources.filter((r) => eventGridSubscriptionTypes.includes(r.type))) {
      const container = deadLetterContainer(subscription);
      if (container === undefined) continue;
      if (alerts.some((alert) => alertsOnDeadLetters(alert, subscription, resources))) continue;
      violations.push({
        urn: subscription.urn,
        message: `Event Grid subscription ${subscription.name} dead-letters into container "${container}" but no metric alert on its topic's DeadLetteredCount > 0 notifies an action group; add one so a failed event pages someone`,
      });
    }
    return violations;
  },
};

export const deadLettersAlertedStackRules: StackRule[] = [deadLettersAlerted];
