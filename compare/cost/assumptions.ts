// What the model assumes where nothing is measured: each figure once, with why. The report prints them.

export const ASSUMPTIONS = {
  /** The publisher and subscriber functions' run per event (not measured by compare). */
  eventFunctionMs: {
    value: 50,
    why: 'publisher and subscriber duration per event, not measured; each event assumed to get its own invocation (no batching: an upper bound)',
  },
  /** CloudWatch Logs bytes per Lambda invocation. */
  awsLogBytesPerInvocation: {
    value: 350,
    why: "START, END and REPORT platform lines plus the app's one JSON request line",
  },
  /** Log Analytics bytes per Functions execution (Application Insights request telemetry and the app's trace). */
  azureLogBytesPerExecution: {
    value: 1500,
    why: "Application Insights request record (requests are excluded from sampling in host.json) and the app's JSON line as a trace",
  },
  /** Bytes of one activity record (subscriber write). */
  activityItemBytes: { value: 200, why: 'eventId, type, noteId, version, time' },
  /** DynamoDB's per-item storage overhead. */
  dynamoItemOverheadBytes: { value: 100, why: 'DynamoDB bills 100 bytes of overhead per item and per index entry' },
  /** Azure storage the stack keeps idle: the deployment package and the Functions host's blobs. */
  azureIdleStorageMb: { value: 50, why: "the code package (a few MB) and the host's lease and key blobs" },
  /** Idle reads of the change feed by the Cosmos trigger's scale controller and host, per minute. */
  changeFeedChecksPerMinute: {
    value: 12,
    why: "the Cosmos DB trigger polls the change feed every 5 s by default (feedPollDelay 5000 ms); 1 RU per empty check, all month; unverified whether the scale controller's checks while scaled to zero are billed like the host's polls",
  },
  /** What the stack's alerts watch, billed a month whatever the traffic (counted from the stacks by test/compare/cost-stack-flag.test.ts). */
  awsAlarmMetrics: {
    value: 12,
    why: 'CloudWatch alarm metrics of aws/alerts.ts: one per alarm, one per metric a metric-math alarm reads',
  },
  azureAlertTimeSeries: {
    value: 4,
    why: 'time series watched by the metric alert rules of azure/alerts.ts, one per rule',
  },
  /** Duration of a request the adapter refused before the app (no consumption header): the minimum. */
  unreportedRequestMs: {
    value: 1,
    why: "answered by the adapter's pre-check before the app runs: billed as an invocation of 1 ms",
  },
} as const;

export type AssumptionName = keyof typeof ASSUMPTIONS;
export const assumed = (name: AssumptionName): number => ASSUMPTIONS[name].value;
