// The cost model: what one request, one event and a month of storage use, in the price table's units
// (a "usage" per price line), and what a usage costs with and without the free tiers.
import type { StoreOperation } from '../../handlers/core/consumption';
import { assumed } from './assumptions';
import { type Cloud, costOf, type PriceLineName, type PriceTable, regionPrices } from './prices';
import { cosmosUnits, dynamoUnits } from './rules';
import { DAYS_PER_MONTH, type TrafficProfile } from './traffic';

export type Usage = Partial<Record<PriceLineName, number>>;

/** The stack settings that change the bill (program/config.ts and the providers' region keys). */
export interface StackSettings {
  awsRegion: string;
  azureRegion: string;
  functionMemoryMb: number;
  azureInstanceMemoryMb: number;
  logRetentionDays: number;
}

/** One API request as measured: its duration, the memory billed, and its store units. */
export interface RequestMeasure {
  durationMs: number;
  memoryMb: number;
  /** DynamoDB read / write request units, or Cosmos request units (read+write both in `requestUnits`). */
  readUnits: number;
  writeUnits: number;
  requestUnits: number;
}

const GB = 1e9;
const gbSeconds = (memoryMb: number, ms: number) => (memoryMb / 1024) * (ms / 1000);
/** Lambda bills duration rounded up to the millisecond. https://aws.amazon.com/lambda/pricing/ */
const lambdaBilledMs = (ms: number) => Math.max(1, Math.ceil(ms));

export function addUsage(...usages: Usage[]): Usage {
  const sum: Usage = {};
  for (const usage of usages) {
    for (const [line, quantity] of Object.entries(usage) as [PriceLineName, number][])
      sum[line] = (sum[line] ?? 0) + quantity;
  }
  return sum;
}

export function scaleUsage(usage: Usage, factor: number): Usage {
  return Object.fromEntries(Object.entries(usage).map(([line, q]) => [line, q * factor])) as Usage;
}

/** Store units of a request's operations: reported where trusted, else by the documented rule. */
export function storeUnits(
  cloud: Cloud,
  operations: readonly StoreOperation[],
  trustReported: boolean,
): Pick<RequestMeasure, 'readUnits' | 'writeUnits' | 'requestUnits'> {
  let readUnits = 0;
  let writeUnits = 0;
  let requestUnits = 0;
  for (const op of operations) {
    const reported = trustReported ? op.reportedUnits : undefined;
    if (cloud === 'aws') {
      const units = reported ?? dynamoUnits(op);
      if (op.kind === 'write') writeUnits += units;
      else readUnits += units;
    } else {
      requestUnits += reported ?? cosmosUnits(op);
    }
  }
  return { readUnits, writeUnits, requestUnits };
}

/** One API request: the front door, the function, the store, the log lines. */
export function apiRequestUsage(cloud: Cloud, m: RequestMeasure): Usage {
  if (cloud === 'aws') {
    return {
      httpApiRequests: 1,
      lambdaRequests: 1,
      lambdaArmGbSecond: gbSeconds(m.memoryMb, lambdaBilledMs(m.durationMs)),
      dynamoReadRequestUnits: m.readUnits,
      dynamoWriteRequestUnits: m.writeUnits,
      cloudWatchLogsIngestGb: assumed('awsLogBytesPerInvocation') / GB,
    };
  }
  // Flex Consumption on demand: instance memory × execution time, per execution (no front-door charge).
  return {
    flexExecutions: 1,
    flexGbSecond: gbSeconds(m.memoryMb, m.durationMs),
    cosmosRequestUnits: m.requestUnits,
    logAnalyticsIngestGb: assumed('azureLogBytesPerExecution') / GB,
  };
}

/** One committed write's event: published once, delivered once (one subscription), recorded once. */
export function eventUsage(cloud: Cloud, stack: StackSettings, noteBytes: number): Usage {
  const ms = assumed('eventFunctionMs');
  const activity = { kind: 'write' as const, bytes: assumed('activityItemBytes') };
  if (cloud === 'aws') {
    // DynamoDB Streams read by a Lambda trigger are free; a delivery to a Lambda target costs nothing
    // beyond the published event; SQS is only used for dead letters (none in a healthy run).
    return {
      lambdaRequests: 2,
      lambdaArmGbSecond: 2 * gbSeconds(stack.functionMemoryMb, lambdaBilledMs(ms)),
      eventBridgeEvents: 1,
      dynamoWriteRequestUnits: dynamoUnits(activity),
      sqsRequests: 0,
      cloudWatchLogsIngestGb: (2 * assumed('awsLogBytesPerInvocation')) / GB,
    };
  }
  // Event Grid bills the publish and each delivery attempt as one operation each. The change feed read
  // and the lease update are Cosmos requests too.
  return {
    flexExecutions: 2,
    flexGbSecond: 2 * gbSeconds(stack.azureInstanceMemoryMb, ms),
    eventGridOperations: 2,
    cosmosRequestUnits:
      cosmosUnits({ kind: 'read', bytes: noteBytes }) +
      cosmosUnits(activity) +
      cosmosUnits({ kind: 'write', bytes: 300 }),
    logAnalyticsIngestGb: (2 * assumed('azureLogBytesPerExecution')) / GB,
  };
}

/** A month of what the stack keeps whatever the traffic: stored notes, retained logs, alerts, and (Azure) what it holds when idle. */
export function standingUsage(
  cloud: Cloud,
  stack: StackSettings,
  profile: Pick<TrafficProfile, 'storedNotes' | 'noteBytes'>,
  logGbPerDay: number,
  idleMinutes = DAYS_PER_MONTH * 24 * 60,
): Usage {
  if (cloud === 'aws') {
    // The notes table has no index (contract/aws.ts): each note is stored once.
    const itemBytes = profile.noteBytes + assumed('dynamoItemOverheadBytes');
    return {
      dynamoStorageGbMonth: (profile.storedNotes * itemBytes) / GB,
      cloudWatchLogsStorageGbMonth: logGbPerDay * stack.logRetentionDays,
      cloudWatchAlarmMetrics: assumed('awsAlarmMetrics'),
    };
  }
  return {
    cosmosStorageGbMonth: (profile.storedNotes * profile.noteBytes) / GB,
    storageGbMonth: assumed('azureIdleStorageMb') / 1000,
    // Log Analytics keeps 31 days in the ingestion price; beyond that retention is billed.
    logAnalyticsRetentionGbMonth: logGbPerDay * Math.max(0, stack.logRetentionDays - 31),
    cosmosRequestUnits: assumed('changeFeedChecksPerMinute') * idleMinutes,
    monitorAlertTimeSeries: assumed('azureAlertTimeSeries'),
  };
}

export interface PricedLine {
  line: PriceLineName;
  unit: string;
  quantity: number;
  /** The monthly free tier of this line (0 when there is none). */
  freeQuantity: number;
  usdWithoutFreeTier: number;
  usdWithFreeTier: number;
  unverified?: string;
}

export interface PricedUsage {
  lines: PricedLine[];
  usdWithoutFreeTiers: number;
  usdWithFreeTiers: number;
}

/** Prices a usage in one region; free tiers are monthly, so apply them to monthly usages only. */
export function priceUsage(table: PriceTable, cloud: Cloud, region: string, usage: Usage): PricedUsage {
  const prices = regionPrices(table, cloud, region);
  const free = table.clouds[cloud].freeTiers;
  const lines: PricedLine[] = [];
  for (const [line, quantity] of Object.entries(usage) as [PriceLineName, number][]) {
    const price = prices[line]!;
    const freeQuantity = free[line]?.quantity ?? 0;
    lines.push({
      line,
      unit: price.unit,
      quantity,
      freeQuantity,
      usdWithoutFreeTier: costOf(price, quantity),
      usdWithFreeTier: costOf(price, Math.max(0, quantity - freeQuantity)),
      ...(price.unverified && { unverified: price.unverified }),
    });
  }
  const sum = (pick: (l: PricedLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    lines,
    usdWithoutFreeTiers: sum((l) => l.usdWithoutFreeTier),
    usdWithFreeTiers: sum((l) => l.usdWithFreeTier),
  };
}
