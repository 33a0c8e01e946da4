// "A failed event pages someone" on hand-written resources that carry values only (no dependency
// information, as in a deployed stack's outputs): matched by ARN, queue name and topic id.
import { deadLettersAlerted } from '../../policy/rules/dead-letters-alerted';
import { resource } from './evaluate';

const queueArn = 'arn:aws:sqs:eu-west-1:123456789012:dlq';
const queue = resource('aws:sqs/queue:Queue', 'dlq', { name: 'dlq', arn: queueArn });
const target = resource('aws:cloudwatch/eventTarget:EventTarget', 'target', { deadLetterConfig: { arn: queueArn } });
const alarm = (props: Record<string, unknown> = {}) =>
  resource('aws:cloudwatch/metricAlarm:MetricAlarm', 'dlq-alarm', {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: 'dlq' },
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    alarmActions: ['arn:aws:sns:eu-west-1:123456789012:alerts'],
    ...props,
  });

const topicId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/events';
const topic = resource('azure-native:eventgrid:Topic', 'events', { name: 'events', id: topicId });
const subscription = resource('azure-native:eventgrid:TopicEventSubscription', 'sub', {
  topicName: 'events',
  deadLetterWithResourceIdentity: {
    deadLetterDestination: { endpointType: 'StorageBlob', blobContainerName: 'deadletter' },
  },
});
const metricAlert = (criterion: Record<string, unknown> = {}, scopes = [topicId]) =>
  resource('azure-native:monitor:MetricAlert', 'dead-lettered', {
    scopes,
    criteria: { allOf: [{ metricName: 'DeadLetteredCount', operator: 'GreaterThan', threshold: 0, ...criterion }] },
    actions: [{ actionGroupId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/alerts' }],
  });

const messages = (resources: Parameters<typeof deadLettersAlerted.check>[0]) =>
  deadLettersAlerted.check(resources).map((v) => v.message);

describe('dead-letters-alerted on AWS', () => {
  it('passes a dead-letter queue with an alarm on any visible message that notifies someone', () => {
    expect(messages([queue, target, alarm()])).toEqual([]);
    expect(
      messages([queue, target, alarm({ comparisonOperator: 'GreaterThanOrEqualToThreshold', threshold: 1 })]),
    ).toEqual([]);
    // A queue nothing dead-letters into needs no alarm.
    expect(messages([queue])).toEqual([]);
  });

  it.each([
    ['no alarm', []],
    ['an alarm that notifies nobody', [alarm({ alarmActions: [] })]],
    ['an alarm on another queue', [alarm({ dimensions: { QueueName: 'other' } })]],
    ['an alarm that waits for ten messages', [alarm({ threshold: 10 })]],
    ['an alarm on the age of messages', [alarm({ metricName: 'ApproximateAgeOfOldestMessage' })]],
  ])('fails with %s, naming the queue and who sends to it', (_label, alarms) => {
    expect(messages([queue, target, ...alarms])).toEqual([
      'dead-letter queue dlq (failures of target) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible > 0 with alarmActions; add one so a failed event pages someone',
    ]);
  });
});

describe('dead-letters-alerted on Azure', () => {
  it('passes a dead-lettering subscription whose topic has a DeadLetteredCount alert with an action group', () => {
    expect(messages([topic, subscription, metricAlert()])).toEqual([]);
  });

  it.each([
    ['no alert', []],
    [
      'an alert on another topic',
      [metricAlert({}, ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/other'])],
    ],
    ['an alert on dropped events only', [metricAlert({ metricName: 'DroppedEventCount' })]],
  ])('fails with %s, naming the subscription and the container', (_label, alerts) => {
    expect(messages([topic, subscription, ...alerts])).toEqual([
      'Event Grid subscription sub dead-letters into container "deadletter" but no metric alert on its topic\'s DeadLetteredCount > 0 notifies an action group; add one so a failed event pages someone',
    ]);
  });
});
