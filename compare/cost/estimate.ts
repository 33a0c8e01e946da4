// estimateCosts: from the consumption each scenario response reported, what every step costs per
// million requests, and what a month of a traffic profile costs on each cloud, idle cost included.
import type { Consumption, StoreOperation } from '../../handlers/core/consumption';
import { ASSUMPTIONS } from './assumptions';
import { committedWrite, consumptionOf, isLocal, methodOf, type SampledStep } from './consumption-reader';
import {
  addUsage,
  apiRequestUsage,
  eventUsage,
  type PricedUsage,
  priceUsage,
  type RequestMeasure,
  scaleUsage,
  type StackSettings,
  standingUsage,
  storeUnits,
  type Usage,
} from './model';
import { COST_CLOUDS, type Cloud, type PriceTable } from './prices';
import { cosmosUnits, dynamoUnits, RULE_TEXT } from './rules';
import { DAYS_PER_MONTH, describeProfile, type TrafficProfile } from './traffic';

const MILLION = 1_000_000;

/**
 * The scenario steps a profile's requests are made of, averaged within each group: reads of one note;
 * writes are creates, updates and deletes alike. The run's first create is left out: it pays for the
 * first write path's cold start, which a month of traffic does not pay per request.
 */
export const PROFILE_STEPS = {
  read: ['get', 'get-after-update'],
  write: [['create-note-2', 'create-note-3'], ['update'], ['delete-note-2', 'delete-note-3']],
} as const;

export interface StepCost {
  usdPerMillion: number;
  /** A committed write: the event's publish, delivery and record are included. */
  withEvent: boolean;
  measure: RequestMeasure;
  /** How the figures were obtained. */
  basis: 'reported' | 'not reported (answered before the app)';
}

export interface CostReport {
  profile: TrafficProfile;
  profileText: string;
  stack: StackSettings;
  steps: Array<{ step: string; description: string } & Partial<Record<Cloud, StepCost>>>;
  /** A month of the profile's traffic plus what is stored, per cloud. */
  monthly: Record<Cloud, PricedUsage>;
  /** A month with no traffic at all: stored data, retained logs, what the stack keeps. */
  idle: Record<Cloud, PricedUsage>;
  /** How each cloud's figures were obtained (measured, emulator, rule). */
  basis: Record<Cloud, string[]>;
  assumptions: string[];
  prices: Array<{
    cloud: Cloud;
    region: string;
    line: string;
    usd: number;
    per: number;
    unit: string;
    source: string;
    read: string;
    unverified?: string;
  }>;
  freeTiers: Array<{ cloud: Cloud; line: string; quantity: number; scope: string; source: string; read: string }>;
}

interface Sample {
  consumption: Consumption | undefined;
  /** Served by local mode's emulators. */
  local: boolean;
}

function measureOf(cloud: Cloud, sample: Sample, stack: StackSettings, noteBytes?: number): RequestMeasure {
  const c = sample.consumption;
  const memoryMb = cloud === 'aws' ? (c?.memoryMb ?? stack.functionMemoryMb) : stack.azureInstanceMemoryMb;
  const durationMs = c?.durationMs ?? ASSUMPTIONS.unreportedRequestMs.value;
  // dynalite's units follow DynamoDB's rules; cosmosdb-server's constant charge is not Cosmos DB's.
  const trust = cloud === 'aws' || !sample.local;
  const operations = (c?.operations ?? []).map((op) => resized(cloud, op, trust, noteBytes));
  return { durationMs, memoryMb, ...storeUnits(cloud, operations, trust) };
}

/**
 * An operation as the profile's note size would make it: the rule at the new size, times what the
 * service reported over the rule at the measured size (1 against an emulator). Queries keep their
 * measured size. The notes table has no index (contract/aws.ts), so a write is one item on both.
 */
function resized(cloud: Cloud, op: StoreOperation, trust: boolean, noteBytes: number | undefined): StoreOperation {
  if (noteBytes === undefined || op.kind === 'query' || op.failed) return op;
  const rule = cloud === 'aws' ? dynamoUnits : cosmosUnits;
  const ratio = trust && op.reportedUnits !== undefined ? op.reportedUnits / rule(op) : 1;
  const bigger = { ...op, bytes: noteBytes };
  return { ...bigger, reportedUnits: rule(bigger) * ratio };
}

/** The note a write stored, as the change stream will read it: the largest item the request wrote. */
const writtenBytes = (sample: Sample) =>
  Math.max(0, ...(sample.consumption?.operations ?? []).filter((o) => o.kind === 'write').map((o) => o.bytes));

function stepUsage(cloud: Cloud, sample: Sample, stack: StackSettings, write: boolean, noteBytes?: number): Usage {
  const request = apiRequestUsage(cloud, measureOf(cloud, sample, stack, noteBytes));
  return write ? addUsage(request, eventUsage(cloud, stack, noteBytes ?? writtenBytes(sample))) : request;
}

export function estimateCosts(
  input: { steps: readonly SampledStep[] },
  profile: TrafficProfile,
  table: PriceTable,
  stack: StackSettings,
): CostReport {
  const samples = new Map<string, Record<Cloud, Sample>>();
  const basis: Record<Cloud, string[]> = { aws: [], azure: [] };
  for (const cloud of COST_CLOUDS) {
    const reported = input.steps.filter((s) => consumptionOf(s[cloud], `${cloud} ${s.step}`) !== undefined).length;
    if (reported === 0) {
      throw new Error(
        `${cloud}: no response carried consumption; start the target with REPORT_CONSUMPTION=true (local mode: REPORT_CONSUMPTION=true npm start)`,
      );
    }
    const local = input.steps.some((s) => isLocal(s[cloud]));
    basis[cloud].push(
      `${reported} of ${input.steps.length} responses reported consumption; durations measured in the app${local ? ' on this machine (local mode), not on the cloud' : ''}`,
    );
    if (cloud === 'aws') {
      basis[cloud].push(
        local
          ? `DynamoDB units as dynalite reported them (it applies the documented rule: ${RULE_TEXT.dynamodb})`
          : 'DynamoDB units as DynamoDB reported them (ConsumedCapacity TOTAL)',
      );
      basis[cloud].push(
        local
          ? `memory: the stack's functionMemoryMb (${stack.functionMemoryMb} MB)`
          : 'memory: as Lambda stated it (AWS_LAMBDA_FUNCTION_MEMORY_SIZE)',
      );
    } else {
      basis[cloud].push(
        local
          ? `Cosmos DB request units estimated (the emulator answers every request with a charge of 1): ${RULE_TEXT.cosmos}`
          : 'Cosmos DB request units as Cosmos DB reported them (x-ms-request-charge)',
      );
      basis[cloud].push(
        `memory: the stack's azureInstanceMemoryMb (${stack.azureInstanceMemoryMb} MB; Flex bills instance memory while executing)`,
      );
    }
  }
  for (const s of input.steps) {
    const sample = (cloud: Cloud): Sample => ({
      consumption: consumptionOf(s[cloud], `${cloud} ${s.step}`),
      local: isLocal(s[cloud]),
    });
    samples.set(s.step, { aws: sample('aws'), azure: sample('azure') });
  }

  const steps = input.steps.map((s) => {
    const row: CostReport['steps'][number] = { step: s.step, description: s.description };
    for (const cloud of COST_CLOUDS) {
      const sample = samples.get(s.step)![cloud];
      const withEvent = committedWrite(methodOf(s), s[cloud].status);
      const perRequest = stepUsage(cloud, sample, stack, withEvent);
      row[cloud] = {
        usdPerMillion: priceUsage(table, cloud, regionOf(cloud, stack), scaleUsage(perRequest, MILLION))
          .usdWithoutFreeTiers,
        withEvent,
        measure: measureOf(cloud, sample, stack),
        basis: sample.consumption ? 'reported' : 'not reported (answered before the app)',
      };
    }
    return row;
  });

  const monthly = {} as Record<Cloud, PricedUsage>;
  const idle = {} as Record<Cloud, PricedUsage>;
  for (const cloud of COST_CLOUDS) {
    const requests = profile.requestsPerDay * DAYS_PER_MONTH;
    const reads = requests * profile.readShare;
    const writes = requests - reads;
    const usageOf = (name: string, write: boolean) => {
      const sample = samples.get(name)?.[cloud];
      if (!sample) throw new Error(`the scenario has no step "${name}", which the traffic profile is made of`);
      return stepUsage(cloud, sample, stack, write, profile.noteBytes);
    };
    const group = (names: readonly string[], write: boolean, requestsOfGroup: number) =>
      names.map((n) => scaleUsage(usageOf(n, write), requestsOfGroup / names.length));
    const traffic = addUsage(
      ...group(PROFILE_STEPS.read, false, reads),
      ...PROFILE_STEPS.write.flatMap((names) => group(names, true, writes / PROFILE_STEPS.write.length)),
    );
    const logGbPerDay =
      ((cloud === 'aws' ? traffic.cloudWatchLogsIngestGb : traffic.logAnalyticsIngestGb) ?? 0) / DAYS_PER_MONTH;
    const region = regionOf(cloud, stack);
    monthly[cloud] = priceUsage(
      table,
      cloud,
      region,
      addUsage(traffic, standingUsage(cloud, stack, profile, logGbPerDay)),
    );
    idle[cloud] = priceUsage(table, cloud, region, standingUsage(cloud, stack, profile, 0));
  }

  return {
    profile,
    profileText: describeProfile(profile),
    stack,
    steps,
    monthly,
    idle,
    basis,
    assumptions: Object.entries(ASSUMPTIONS).map(([name, a]) => `${name} = ${a.value}: ${a.why}`),
    prices: COST_CLOUDS.flatMap((cloud) =>
      Object.entries(table.clouds[cloud].regions[regionOf(cloud, stack)] ?? {}).map(([line, p]) => ({
        cloud,
        region: regionOf(cloud, stack),
        line,
        usd: p.usd,
        per: p.per,
        unit: p.unit,
        source: p.source,
        read: p.read,
        ...(p.unverified && { unverified: p.unverified }),
      })),
    ),
    freeTiers: COST_CLOUDS.flatMap((cloud) =>
      Object.entries(table.clouds[cloud].freeTiers).map(([line, f]) => ({
        cloud,
        line,
        quantity: f.quantity,
        scope: f.scope,
        source: f.source,
        read: f.read,
      })),
    ),
  };
}

export const regionOf = (cloud: Cloud, stack: StackSettings) => (cloud === 'aws' ? stack.awsRegion : stack.azureRegion);
