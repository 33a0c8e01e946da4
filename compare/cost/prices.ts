// The price table (prices.json): its shape, the price lines the cost model needs per cloud, and a
// loader that refuses an incomplete table with every problem named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

export type Cloud = 'aws' | 'azure';
export const COST_CLOUDS: readonly Cloud[] = ['aws', 'azure'];

/** Every price line the model multiplies by, per cloud: the table must have each in every region. */
export const PRICE_LINES = {
  aws: [
    'lambdaArmGbSecond',
    'lambdaRequests',
    'httpApiRequests',
    'dynamoWriteRequestUnits',
    'dynamoReadRequestUnits',
    'dynamoStorageGbMonth',
    'eventBridgeEvents',
    'sqsRequests',
    'cloudWatchLogsIngestGb',
    'cloudWatchLogsStorageGbMonth',
    'cloudWatchAlarmMetrics',
  ],
  azure: [
    'flexGbSecond',
    'flexExecutions',
    'cosmosRequestUnits',
    'cosmosStorageGbMonth',
    'eventGridOperations',
    'storageGbMonth',
    'logAnalyticsIngestGb',
    'logAnalyticsRetentionGbMonth',
    'monitorAlertTimeSeries',
  ],
} as const;

export type AwsLine = (typeof PRICE_LINES.aws)[number];
export type AzureLine = (typeof PRICE_LINES.azure)[number];
export type PriceLineName = AwsLine | AzureLine;

const isoDate = v.pipe(v.string(), v.isoDate('must be a date, YYYY-MM-DD'));
const officialUrl = v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL'));

const PriceLineSchema = v.strictObject({
  unit: v.pipe(v.string(), v.minLength(1)),
  usd: v.pipe(v.number(), v.minValue(0)),
  /** usd is the price of this many units (1 for GB-s, 1000000 for "per million requests"). */
  per: v.pipe(v.number(), v.minValue(1)),
  source: officialUrl,
  read: isoDate,
  evidence: v.pipe(v.string(), v.minLength(1)),
  /** Why the figure could not be confirmed on the day it was read; absent when it was. */
  unverified: v.optional(v.pipe(v.string(), v.minLength(1))),
});

const FreeTierSchema = v.strictObject({
  quantity: v.pipe(v.number(), v.minValue(0)),
  per: v.literal('month'),
  scope: v.pipe(v.string(), v.minLength(1)),
  source: officialUrl,
  read: isoDate,
});

const CloudPricesSchema = v.strictObject({
  regions: v.record(v.string(), v.record(v.string(), PriceLineSchema)),
  freeTiers: v.record(v.string(), FreeTierSchema),
});

const PriceTableSchema = v.strictObject({
  $comment: v.optional(v.string()),
  currency: v.literal('USD'),
  clouds: v.strictObject({ aws: CloudPricesSchema, azure: CloudPricesSchema }),
});

export type PriceLine = v.InferOutput<typeof PriceLineSchema>;
export type FreeTier = v.InferOutput<typeof FreeTierSchema>;
export type PriceTable = v.InferOutput<typeof PriceTableSchema>;

export const PRICES_FILE = join(__dirname, 'prices.json');

/** What is missing or unknown in a table: every region must price every line, free tiers name known lines. */
export function priceTableProblems(table: PriceTable): string[] {
  const problems: string[] = [];
  for (const cloud of COST_CLOUDS) {
    const needed: readonly string[] = PRICE_LINES[cloud];
    const { regions, freeTiers } = table.clouds[cloud];
    if (Object.keys(regions).length === 0) problems.push(`${cloud}: no region is priced`);
    for (const [region, lines] of Object.entries(regions)) {
      for (const line of needed) if (!lines[line]) problems.push(`${cloud} ${region}: no price for ${line}`);
      for (const line of Object.keys(lines))
        if (!needed.includes(line)) problems.push(`${cloud} ${region}: ${line} is not a line the model uses`);
    }
    for (const line of Object.keys(freeTiers))
      if (!needed.includes(line)) problems.push(`${cloud} free tier: ${line} is not a line the model uses`);
  }
  return problems;
}

/** Parses and checks a price table; throws naming every problem. */
export function parsePriceTable(json: unknown, origin = 'the price table'): PriceTable {
  const parsed = v.safeParse(PriceTableSchema, json);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
    throw new Error(`${origin} is not valid:\n  ${issues.join('\n  ')}`);
  }
  const problems = priceTableProblems(parsed.output);
  if (problems.length > 0) throw new Error(`${origin} is incomplete:\n  ${problems.join('\n  ')}`);
  return parsed.output;
}

export function loadPriceTable(path = PRICES_FILE): PriceTable {
  return parsePriceTable(JSON.parse(readFileSync(path, 'utf8')), path);
}

/** The lines of one cloud in one region; an unpriced region is an error naming the priced ones. */
export function regionPrices(table: PriceTable, cloud: Cloud, region: string): Record<string, PriceLine> {
  const lines = table.clouds[cloud].regions[region];
  if (!lines) {
    throw new Error(
      `${cloud} region ${region} has no prices; priced: ${Object.keys(table.clouds[cloud].regions).join(', ')} (add it to ${PRICES_FILE})`,
    );
  }
  return lines;
}

/** USD for `quantity` units of a line. */
export const costOf = (line: PriceLine, quantity: number): number => (quantity * line.usd) / line.per;
