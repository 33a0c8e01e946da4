// One full run: the preflight on both clouds, the scenario (each cloud judged against the contract, and
// the two compared), then (unless skipped) latency and event delivery. Returns the report; printing
// and exit codes are cli.ts's job.
import { eventLatencyRun } from './event-latency';
import { type CloudClient, createClient } from './http-client';
import { latencyRun } from './latency-run';
import { type Progress, createProgress } from './progress';
import { preflight } from './preflight';
import { type ScenarioRun, runScenario } from './run-scenario';
import { SCENARIO } from './scenario';
import type { Authorizations } from './sign-in';
import { decideSignIn, probeSignIn } from './sign-in-mode';
import {
  CLOUDS,
  type Cloud,
  type CloudUrls,
  type CompareReport,
  type Difference,
  type EventLatencySummary,
  type LatencySummary,
  type StepResult,
  type Violation,
} from './types';
import { verdictLines } from './verdict';

export interface RunOptions {
  requests: number;
  concurrency: number;
  timeoutMs: number;
  eventTimeoutMs: number;
  eventNotes: number;
  skipLatency: boolean;
  /** Poll the preflight this long until both clouds are ready; undefined: check once. */
  waitReadyMs?: number;
  /** Told why the preflight waits, each time it does. */
  onWaiting?: (line: string) => void;
  /** Where to draw progress bars (stderr when it is a terminal); undefined: none. */
  progress?: NodeJS.WritableStream;
  /** The two users' `Authorization` values (compare/sign-in.ts): A's goes on every request. */
  authorizations?: Authorizations;
  onStep?: (result: StepResult) => void;
}

export interface Source {
  kind: CompareReport['source']['kind'];
  detail: string;
  urls: CloudUrls;
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
    out.push({
      step: 'latency-run',
      path: 'errors',
      aws: describeErrors(latency.aws),
      azure: describeErrors(latency.azure),
    });
  }
  if (events && (events.aws.undelivered === 0) !== (events.azure.undelivered === 0)) {
    const show = (s: EventLatencySummary) => `${s.undelivered} of ${s.notes} events not seen`;
    out.push({ step: 'event-latency', path: 'undelivered', aws: show(events.aws), azure: show(events.azure) });
  }
  return out;
}

/** The contract says every write's event is delivered: one not seen in time breaks it, on either cloud. */
function deliveryViolations(events: Record<Cloud, EventLatencySummary> | undefined): Violation[] {
  return CLOUDS.filter((cloud) => events !== undefined && events[cloud].undelivered > 0).map((cloud) => ({
    step: 'event-latency',
    cloud,
    rule: 'delivered',
    expected: `the note.created event of each of ${events![cloud].notes} notes within --event-timeout`,
    found: `${events![cloud].undelivered} not seen`,
  }));
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
    aws: createClient(source.urls.aws, options.timeoutMs, options.authorizations?.a),
    azure: createClient(source.urls.azure, options.timeoutMs, options.authorizations?.a),
  };
  const readiness = await preflight(clients, options.waitReadyMs, options.onWaiting);
  // Before any write: a missing token ends the run here (SignInError, exit 2).
  const signIn = decideSignIn(await probeSignIn(clients), options.authorizations ?? {});
  const progress = createProgress(options.progress);
  let scenario: ScenarioRun;
  let load: Awaited<ReturnType<typeof measureLoad>> | undefined;
  try {
    const steps = progress.bar('scenario', SCENARIO.length, 'steps');
    scenario = await runScenario(clients, { eventTimeoutMs: options.eventTimeoutMs, signIn }, (result) => {
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
  const violations = [
    ...scenario.steps.flatMap((step) => [...step.contract.aws, ...step.contract.azure]),
    ...deliveryViolations(load?.eventLatency),
  ];
  const meetsContract = {
    aws: !violations.some((v) => v.cloud === 'aws'),
    azure: !violations.some((v) => v.cloud === 'azure'),
  };
  const judged = {
    violations,
    differences,
    meetsContract,
    same: differences.length === 0,
    passed: differences.length === 0 && meetsContract.aws && meetsContract.azure,
    signIn: { on: signIn.on, why: signIn.why },
    ...(load ? { latency: load.latency, eventLatency: load.eventLatency } : {}),
  };
  return {
    source: { kind: source.kind, detail: source.detail },
    urls: source.urls,
    firstContactMs: { aws: readiness.aws.latencyMs, azure: readiness.azure.latencyMs },
    readyAfterAttempts: { aws: readiness.aws.attempts, azure: readiness.azure.attempts },
    steps: scenario.steps,
    warnings: [...scenario.warnings, ...(load?.warnings ?? [])],
    ...judged,
    verdict: verdictLines({ ...judged, steps: scenario.steps }),
  };
}
