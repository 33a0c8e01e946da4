// One full run: reach both clouds, run the scenario, then (unless skipped) measure latency and event
// delivery. Returns the report; printing and exit codes are cli.ts's job.
import { UnreachableError } from './errors';
import { eventLatencyRun } from './event-latency';
import { type CloudClient, createClient } from './http-client';
import { latencyRun } from './latency-run';
import { type Progress, createProgress } from './progress';
import { type ScenarioRun, runScenario } from './run-scenario';
import { SCENARIO } from './scenario';
import {
  CLOUDS,
  type Cloud,
  type CloudUrls,
  type CompareReport,
  type Difference,
  type EventLatencySummary,
  type LatencySummary,
  type StepResult,
} from './types';

export interface RunOptions {
  requests: number;
  concurrency: number;
  timeoutMs: number;
  eventTimeoutMs: number;
  eventNotes: number;
  skipLatency: boolean;
  /** Where to draw progress bars (stderr when it is a terminal); undefined: none. */
  progress?: NodeJS.WritableStream;
  onStep?: (result: StepResult) => void;
}

export interface Source {
  kind: CompareReport['source']['kind'];
  detail: string;
  urls: CloudUrls;
}

/** The first request to each cloud; one that does not answer at all ends the run (exit 2). */
async function firstContact(clients: Record<Cloud, CloudClient>): Promise<Record<Cloud, number>> {
  const ms = {} as Record<Cloud, number>;
  for (const cloud of CLOUDS) {
    const health = await clients[cloud].send({ method: 'GET', path: '/api/health' });
    if (health.status === undefined) {
      throw new UnreachableError(`cannot reach ${cloud} at ${clients[cloud].baseUrl}: ${health.error}`);
    }
    ms[cloud] = Math.round(health.latencyMs * 10) / 10;
  }
  return ms;
}

function describeErrors(summary: LatencySummary): string {
  const kinds = Object.entries(summary.errorKinds).map(([kind, n]) => `${kind}×${n}`);
  return summary.errors === 0 ? 'no errors' : `${summary.errors} errors (${kinds.join(', ')})`;
}

/** Failing under load on one cloud only is a difference in behaviour; slower is not. */
function loadDifferences(
  latency: Record<Cloud, LatencySummary> | undefined,
  events: Record<Cloud, EventLatencySummary> | undefined,
): Difference[] {
  const out: Difference[] = [];
  if (latency && (latency.aws.errors === 0) !== (latency.azure.errors === 0)) {
    out.push({ step: 'latency-run', path: 'errors', aws: describeErrors(latency.aws), azure: describeErrors(latency.azure) });
  }
  if (events && (events.aws.undelivered === 0) !== (events.azure.undelivered === 0)) {
    const show = (s: EventLatencySummary) => `${s.undelivered} of ${s.notes} events not seen`;
    out.push({ step: 'event-latency', path: 'undelivered', aws: show(events.aws), azure: show(events.azure) });
  }
  return out;
}

/** Latency of each cloud, one after the other (so they do not compete for this machine), then event delivery. */
async function measureLoad(clients: Record<Cloud, CloudClient>, options: RunOptions, progress: Progress) {
  const latency = {} as Record<Cloud, LatencySummary>;
  for (const cloud of CLOUDS) {
    const bar = progress.bar(cloud, options.requests, 'requests');
    latency[cloud] = await latencyRun(clients[cloud], { ...options, onDone: () => bar.increment() });
  }
  const events = progress.bar('events', options.eventNotes * CLOUDS.length, 'notes');
  const runs = await Promise.all(
    CLOUDS.map((cloud) =>
      eventLatencyRun(clients[cloud], cloud, {
        notes: options.eventNotes,
        eventTimeoutMs: options.eventTimeoutMs,
        onDone: () => events.increment(),
      }),
    ),
  );
  const eventLatency: Record<Cloud, EventLatencySummary> = { aws: runs[0]!.summary, azure: runs[1]!.summary };
  return { latency, eventLatency, warnings: runs.flatMap((run) => run.warnings) };
}

export async function compareClouds(source: Source, options: RunOptions): Promise<CompareReport> {
  const clients = {
    aws: createClient(source.urls.aws, options.timeoutMs),
    azure: createClient(source.urls.azure, options.timeoutMs),
  };
  const firstContactMs = await firstContact(clients);
  const progress = createProgress(options.progress);
  let scenario: ScenarioRun;
  let load: Awaited<ReturnType<typeof measureLoad>> | undefined;
  try {
    const steps = progress.bar('scenario', SCENARIO.length, 'steps');
    scenario = await runScenario(clients, { eventTimeoutMs: options.eventTimeoutMs }, (result) => {
      steps.increment();
      options.onStep?.(result);
    });
    if (!options.skipLatency) load = await measureLoad(clients, options, progress);
  } finally {
    progress.stop();
  }

  const differences = [
    ...scenario.steps.flatMap((step) => step.differences),
    ...loadDifferences(load?.latency, load?.eventLatency),
  ];
  const report: CompareReport = {
    source: { kind: source.kind, detail: source.detail },
    urls: source.urls,
    firstContactMs,
    steps: scenario.steps,
    differences,
    warnings: [...scenario.warnings, ...(load?.warnings ?? [])],
    same: differences.length === 0,
  };
  if (load) {
    report.latency = load.latency;
    report.eventLatency = load.eventLatency;
  }
  return report;
}
