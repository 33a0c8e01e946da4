// What a scenario step is, and the helper for the common case: one request, maybe remembering its result.
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
}

export function requestStep(
  name: string,
  description: string,
  spec: (state: CloudState) => RequestSpec,
  after?: (state: CloudState, exchange: Exchange) => void,
): Step {
  return {
    name,
    description,
    async run(client, state) {
      const exchange = await client.send(spec(state));
      after?.(state, exchange);
      return exchange;
    },
  };
}
