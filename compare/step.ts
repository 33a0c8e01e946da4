// What a scenario step is, and the helper for the common case: one request, maybe remembering its result.
import type { Expectation } from './expectation';
import type { SignIn } from './sign-in-mode';
import type { CloudClient, RequestSpec } from './http-client';
import type { CloudState } from './scenario-state';
import type { Exchange, StepOutcome } from './types';

export interface StepEnv {
  /** Deadline for polling steps (events, a list catching up). */
  eventTimeoutMs: number;
  /** Whether sign-in is on, and the two users' `Authorization` values when it is. */
  signIn: SignIn;
}

export interface Step {
  name: string;
  description: string;
  /** Polling steps run on both clouds at once (they mostly wait); the others one cloud after the other,
   *  so neither cloud's latency is measured while the tool is busy with the other. */
  concurrent?: boolean;
  /** Checks only a stack with sign-in can pass (a second user, a request without a token): with sign-in
   *  off the step does not run and is reported as not applicable. */
  needsSignIn?: boolean;
  run(client: CloudClient, state: CloudState, env: StepEnv): Promise<StepOutcome>;
  /** What the contract expects of this cloud's outcome (asked after the step ran, so ids are known). */
  expect(state: CloudState): Expectation;
}

export interface RequestStepSpec {
  name: string;
  description: string;
  request: (state: CloudState, env: StepEnv) => RequestSpec;
  expect: (state: CloudState) => Expectation;
  after?: (state: CloudState, exchange: Exchange) => void;
  needsSignIn?: boolean;
}

export function requestStep({ name, description, request, expect, after, needsSignIn }: RequestStepSpec): Step {
  return {
    name,
    description,
    expect,
    ...(needsSignIn && { needsSignIn }),
    async run(client, state, env) {
      const exchange = await client.send(request(state, env));
      after?.(state, exchange);
      return exchange;
    },
  };
}
