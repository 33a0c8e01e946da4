// The cost model against hand-computed examples, one per price line (us-east-1 / eastus list prices
// from compare/cost/prices.json; the arithmetic is written out next to each expectation).
import { ASSUMPTIONS } from '../../compare/cost/assumptions';
import { quantity, usd } from '../../compare/cost/format';
import {
  apiRequestUsage,
  eventUsage,
  priceUsage,
  type StackSettings,
  standingUsage,
  storeUnits,
} from '../../compare/cost/model';
import { loadPriceTable } from '../../compare/cost/prices';
import { cosmosUnits, dynamoUnits } from '../../compare/cost/rules';

const table = loadPriceTable();
const stack: StackSettings = {
  awsRegion: 'us-east-1',
  azureRegion: 'eastus',
  functionMemoryMb: 512,
  azureInstanceMemoryMb: 2048,
  logRetentionDays: 60,
};

/** The USD of one line of a priced usage. */
function usdOf(cloud: 'aws' | 'azure', line: string, quantity: number, freeTiers: boolean) {
  const priced = priceUsage(table, cloud, cloud === 'aws' ? 'us-east-1' : 'eastus', { [line]: quantity });
  return freeTiers ? priced.usdWithFreeTiers : priced.usdWithoutFreeTiers;
}

describe('each price line, priced by hand', () => {
  it.each([
    // line, quantity, without free tier, with free tier
    ['aws', 'lambdaRequests', 3_000_000, 3 * 0.2, (3 - 1) * 0.2], // $0.20 per 1M; 1M free
    ['aws', 'lambdaArmGbSecond', 500_000, 500_000 * 0.0000133334, 100_000 * 0.0000133334], // 400,000 GB-s free
    ['aws', 'httpApiRequests', 2_500_000, 2.5 * 1.0, 1.5 * 1.0], // $1.00 per 1M; 1M free (first year)
    ['aws', 'dynamoWriteRequestUnits', 4_000_000, 4 * 0.625, 4 * 0.625], // $0.625 per 1M WRU; no free tier on demand
    ['aws', 'dynamoReadRequestUnits', 8_000_000, 8 * 0.125, 8 * 0.125], // $0.125 per 1M RRU
    ['aws', 'dynamoStorageGbMonth', 30, 30 * 0.25, 5 * 0.25], // $0.25 per GB-month; 25 GB free
    ['aws', 'eventBridgeEvents', 2_000_000, 2 * 1.0, 2 * 1.0], // $1.00 per 1M custom events
    ['aws', 'sqsRequests', 1_500_000, 1.5 * 0.4, 0.5 * 0.4], // $0.40 per 1M; 1M free
    ['aws', 'cloudWatchLogsIngestGb', 12, 12 * 0.5, 7 * 0.5], // $0.50 per GB; 5 GB free
    ['aws', 'cloudWatchLogsStorageGbMonth', 40, 40 * 0.03, 40 * 0.03], // $0.03 per GB-month
    ['aws', 'cloudWatchAlarmMetrics', 12, 12 * 0.1, 2 * 0.1], // $0.10 per alarm metric a month; 10 free
    ['azure', 'flexExecutions', 1_000_000, 1 * 0.4, 0.75 * 0.4], // $0.40 per 1M; 250,000 free
    ['azure', 'flexGbSecond', 300_000, 300_000 * 0.000026, 200_000 * 0.000026], // 100,000 GB-s free
    ['azure', 'cosmosRequestUnits', 20_000_000, 20 * 0.25, 20 * 0.25], // $0.25 per 1M RU, no free tier serverless
    ['azure', 'cosmosStorageGbMonth', 3, 3 * 0.25, 3 * 0.25], // $0.25 per GB-month
    ['azure', 'eventGridOperations', 600_000, 0.6 * 0.6, 0.5 * 0.6], // $0.60 per 1M; 100,000 free
    ['azure', 'storageGbMonth', 10, 10 * 0.0184, 10 * 0.0184], // hot LRS $0.0184 per GB-month
    ['azure', 'logAnalyticsIngestGb', 8, 8 * 2.3, 3 * 2.3], // $2.30 per GB; 5 GB free
    ['azure', 'logAnalyticsRetentionGbMonth', 20, 20 * 0.1, 20 * 0.1], // $0.10 per GB-month past 31 days
    ['azure', 'monitorAlertTimeSeries', 4, 4 * 0.1, 4 * 0.1], // $0.10 per monitored time series a month
  ] as const)('%s %s: %d units', (cloud, line, quantity, without, withFree) => {
    expect(usdOf(cloud, line, quantity, false)).toBeCloseTo(without, 10);
    expect(usdOf(cloud, line, quantity, true)).toBeCloseTo(withFree, 10);
  });

  it('never prices a free tier below zero', () => {
    expect(usdOf('aws', 'lambdaRequests', 10, true)).toBe(0);
  });
});

describe('the documented unit rules', () => {
  it('DynamoDB: 1 WRU per started KB written, 1 RRU per started 4 KB read strongly, half eventually', () => {
    expect(dynamoUnits({ kind: 'write', bytes: 1024 })).toBe(1);
    expect(dynamoUnits({ kind: 'write', bytes: 1025 })).toBe(2);
    expect(dynamoUnits({ kind: 'write', bytes: 0 })).toBe(1); // a failed conditional write is billed 1
    expect(dynamoUnits({ kind: 'read', bytes: 4096, consistent: true })).toBe(1);
    expect(dynamoUnits({ kind: 'read', bytes: 4097, consistent: true })).toBe(2);
    expect(dynamoUnits({ kind: 'query', bytes: 4097, consistent: false })).toBe(1); // 2 × 0.5
  });

  it('Cosmos DB: 1 RU at 1 KB and 10 RU at 100 KB read; 5 RU per started KB written; queries 2.5 RU + reads', () => {
    expect(cosmosUnits({ kind: 'read', bytes: 1024 })).toBe(1);
    expect(cosmosUnits({ kind: 'read', bytes: 100 * 1024 })).toBeCloseTo(10, 10);
    expect(cosmosUnits({ kind: 'read', bytes: 300 })).toBe(1); // never below 1
    expect(cosmosUnits({ kind: 'write', bytes: 2049 })).toBe(15); // 3 started KB × 5
    expect(cosmosUnits({ kind: 'write', bytes: 2049, failed: true })).toBe(1);
    expect(cosmosUnits({ kind: 'query', bytes: 0 })).toBe(2.5);
    expect(cosmosUnits({ kind: 'query', bytes: 1024 })).toBe(3.5);
  });

  it('store units use what the service reported when trusted, else the rule', () => {
    const ops = [
      { store: 'cosmos' as const, kind: 'write' as const, bytes: 300, reportedUnits: 1 },
      { store: 'cosmos' as const, kind: 'read' as const, bytes: 300, reportedUnits: 1 },
    ];
    expect(storeUnits('azure', ops, true).requestUnits).toBe(2);
    expect(storeUnits('azure', ops, false).requestUnits).toBe(5 + 1); // the write rule, the read rule
    const dynamo = [
      { store: 'dynamodb' as const, kind: 'read' as const, bytes: 100, reportedUnits: 1, consistent: true },
      { store: 'dynamodb' as const, kind: 'write' as const, bytes: 100, failed: true },
    ];
    expect(storeUnits('aws', dynamo, true)).toEqual({ readUnits: 1, writeUnits: 1, requestUnits: 0 });
  });
});

describe('usage of one request, one event, one month of storage', () => {
  const measure = { durationMs: 12.3, memoryMb: 512, readUnits: 1, writeUnits: 2, requestUnits: 7 };

  it('AWS request: front door, invocation, GB-s on the millisecond rounded up, units, log bytes', () => {
    expect(apiRequestUsage('aws', measure)).toEqual({
      httpApiRequests: 1,
      lambdaRequests: 1,
      lambdaArmGbSecond: 0.5 * 0.013, // 512 MB = 0.5 GB, 12.3 ms billed as 13 ms
      dynamoReadRequestUnits: 1,
      dynamoWriteRequestUnits: 2,
      cloudWatchLogsIngestGb: 350 / 1e9,
    });
  });

  it('Azure request: execution, instance memory × execution time, request units, log bytes', () => {
    expect(apiRequestUsage('azure', { ...measure, memoryMb: 2048 })).toEqual({
      flexExecutions: 1,
      flexGbSecond: 2 * 0.0123, // 2048 MB = 2 GB × 12.3 ms
      cosmosRequestUnits: 7,
      logAnalyticsIngestGb: 1500 / 1e9,
    });
  });

  it('an event: two function runs, the bus, the activity record', () => {
    const ms = ASSUMPTIONS.eventFunctionMs.value; // 50
    expect(eventUsage('aws', stack, 2048)).toEqual({
      lambdaRequests: 2,
      lambdaArmGbSecond: 2 * 0.5 * (ms / 1000),
      eventBridgeEvents: 1,
      dynamoWriteRequestUnits: 1, // a 200-byte activity item
      sqsRequests: 0,
      cloudWatchLogsIngestGb: 700 / 1e9,
    });
    const azure = eventUsage('azure', stack, 2048);
    expect(azure).toMatchObject({ flexExecutions: 2, flexGbSecond: 2 * 2 * (ms / 1000), eventGridOperations: 2 });
    // change feed read of a 2 KB note (1 + 9 × 1/99) + activity write (5) + lease update (5)
    expect(azure.cosmosRequestUnits).toBeCloseTo(1 + 9 / 99 + 5 + 5, 10);
  });

  it('a month of what the stack keeps: the notes (once on DynamoDB: no index), retained logs, alerts, the idle extras', () => {
    const profile = { storedNotes: 1000, noteBytes: 1024 };
    expect(standingUsage('aws', stack, profile, 0.1)).toEqual({
      dynamoStorageGbMonth: (1000 * (1024 + 100)) / 1e9,
      cloudWatchLogsStorageGbMonth: 0.1 * 60, // 0.1 GB a day kept 60 days
      cloudWatchAlarmMetrics: ASSUMPTIONS.awsAlarmMetrics.value,
    });
    expect(standingUsage('azure', stack, profile, 0.1)).toEqual({
      cosmosStorageGbMonth: (1000 * 1024) / 1e9,
      storageGbMonth: 50 / 1000,
      logAnalyticsRetentionGbMonth: 0.1 * (60 - 31), // 31 days are included
      cosmosRequestUnits: 12 * 30 * 24 * 60, // a change-feed check every 5 s, all month
      monitorAlertTimeSeries: ASSUMPTIONS.azureAlertTimeSeries.value,
    });
  });
});

describe('how money reads', () => {
  it('shows cents from a cent up and four significant digits below, without trailing zeros', () => {
    expect([0, 12.5, 1234.567, 0.01, 0.00098, 0.0012345].map(usd)).toEqual([
      '$0',
      '$12.50',
      '$1,234.57',
      '$0.01',
      '$0.00098',
      '$0.001234',
    ]);
    expect([3_000_000, 0.4296, 1.47, 12].map(quantity)).toEqual(['3,000,000', '0.4296', '1.47', '12']);
  });
});
