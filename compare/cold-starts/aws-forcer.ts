// AWS: a cold start forced the way lambda-perf forces one every day (maxday/lambda-perf,
// function-invoker/app.js): a configuration change of the function, here an extra environment
// variable, after which Lambda starts new execution environments for the next invocations. The change
// is in effect when LastUpdateStatus is Successful
// (https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html). The original environment is
// put back at the end, so the function is left as Pulumi deployed it.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { ForcerConfigurationError, realSleep, type ColdStartForcer, type Sleep } from './forcer';

/** The variable whose value changes per forced cold start; it names this tool so nobody wonders. */
export const COLD_START_VARIABLE = 'COMPARE_COLD_START';

export interface AwsColdStartTarget {
  region: string;
  functionName: string;
  /** The function's log group, where Lambda writes its `platform.report` / REPORT lines. */
  logGroupName: string;
}

export interface AwsForcerOptions {
  pollMs?: number;
  /** How long one configuration update may take to become Successful. */
  updateTimeoutMs?: number;
  /** How long to wait for the REPORT lines to reach the logs. */
  logsTimeoutMs?: number;
  sleep?: Sleep;
}

const ACCESS_ERRORS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'CredentialsProviderError',
  'ExpiredTokenException',
  'ResourceNotFoundException',
]);

function explain(error: unknown, what: string): Error {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (ACCESS_ERRORS.has(name)) {
    return new ForcerConfigurationError(
      `${what}: ${name}: ${message} (cold starts need the deployer's AWS credentials: lambda:GetFunctionConfiguration, ` +
        "lambda:UpdateFunctionConfiguration and logs:FilterLogEvents on the stack's function)",
    );
  }
  return error instanceof Error ? error : new Error(message);
}

/** Init Duration of each REPORT: the JSON `platform.report` record, or the text line. */
export function initDurationOf(message: string): number | undefined {
  const text = /^REPORT RequestId:.*\bInit Duration: ([\d.]+) ms/.exec(message);
  if (text) return Number(text[1]);
  try {
    const record = JSON.parse(message) as { type?: string; record?: { metrics?: { initDurationMs?: number } } };
    const init = record.type === 'platform.report' ? record.record?.metrics?.initDurationMs : undefined;
    return typeof init === 'number' ? init : undefined;
  } catch {
    return undefined;
  }
}

export function awsForcer(
  target: AwsColdStartTarget,
  clients: { lambda: LambdaClient; logs: CloudWatchLogsClient },
  options: AwsForcerOptions = {},
): ColdStartForcer {
  const { pollMs = 1_000, updateTimeoutMs = 120_000, logsTimeoutMs = 60_000, sleep = realSleep } = options;
  let original: Record<string, string> | undefined;

  async function configuration() {
    try {
      return await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: target.functionName }));
    } catch (error) {
      throw explain(error, `reading ${target.functionName}`);
    }
  }

  async function update(variables: Record<string, string>): Promise<void> {
    try {
      await clients.lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: target.functionName,
          Environment: { Variables: variables },
        }),
      );
    } catch (error) {
      throw explain(error, `updating ${target.functionName}`);
    }
    for (const deadline = Date.now() + updateTimeoutMs; ; ) {
      const { LastUpdateStatus: status, LastUpdateStatusReason: reason } = await configuration();
      if (status === 'Successful') return;
      if (status === 'Failed')
        throw new Error(`updating ${target.functionName} failed: ${reason ?? 'no reason given'}`);
      if (Date.now() > deadline)
        throw new Error(`${target.functionName}: the update was still ${status} after ${updateTimeoutMs} ms`);
      await sleep(pollMs);
    }
  }

  return {
    cloud: 'aws',
    target: `Lambda function ${target.functionName}`,
    async force(attempt) {
      // UpdateFunctionConfiguration replaces the whole environment: keep every variable the stack set.
      original ??= { ...((await configuration()).Environment?.Variables ?? {}) };
      await update({ ...original, [COLD_START_VARIABLE]: `${Date.now()}-${attempt}` });
    },
    async initDurations(since, expected) {
      const found: number[] = [];
      for (const deadline = Date.now() + logsTimeoutMs; ; ) {
        found.length = 0;
        let nextToken: string | undefined;
        do {
          const page = await clients.logs
            .send(
              new FilterLogEventsCommand({ logGroupName: target.logGroupName, startTime: since.getTime(), nextToken }),
            )
            .catch((error: unknown) => {
              throw explain(error, `reading ${target.logGroupName}`);
            });
          for (const event of page.events ?? []) {
            const init = initDurationOf(event.message ?? '');
            if (init !== undefined) found.push(init);
          }
          nextToken = page.nextToken;
        } while (nextToken);
        // Logs arrive seconds after the invocation: wait for all of them, within reason.
        if (found.length >= expected || Date.now() > deadline) return found;
        await sleep(pollMs * 5);
      }
    },
    async restore() {
      if (original) await update(original);
    },
  };
}

export function awsClients(region: string): { lambda: LambdaClient; logs: CloudWatchLogsClient } {
  return { lambda: new LambdaClient({ region }), logs: new CloudWatchLogsClient({ region }) };
}
