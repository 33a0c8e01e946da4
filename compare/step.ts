// What a scenario step is, and the helper for the common case: one request, maybe remembering its result.
import type { Expectation } from './expectation';
import type { CloudClient, RequestSpec } from './http-client';
import type { CloudState } from './scenario-state';
import type { Exchange, StepOutcome } from './types';

export interface StepEnv {
  /** Deadline for polling steps (events, a list catching up). */
  eventTimeoutMs: number;
}

export interface Step {
  name: string;
  description: string;
  /** Polling steps run on both clouds at once (they mostly wait); the others one cloud after the other,
   *  so neither cloud's latency is measured while the tool is busy with the other. */
  concurrent?: boolean;
  run(client: CloudClient, state: CloudState, env: StepEnv): Promise<StepOutcome>;
  /** What the contract expects of this cloud's outcome (asked after the step ran, so ids are known). */
  expect(state: CloudState): Expectation;
}

export interface RequestStepSpec {
  name: string;
  description: string;
  request: (state: CloudState) => RequestSpec;
  expect: (state: CloudState) => Expectation;
  after?: (state: CloudState, exchange: Exchange) => void;
}

export function requestStep({ name, description, request, expect, after }: RequestStepSpec): Step {
  return {
    name,
    description,
    expect,
    async run(client, state) {
      const exchange = await client.send(request(state));
      after?.(state, exchange);
      return exchange;
    },
  };
}
