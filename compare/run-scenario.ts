// Runs every scenario step on both clouds, judges each outcome against the contract and compares the
// two; then removes whatever this run created and did not delete (a failed step must not leave notes behind).
import { compareOutcomes } from './compare-outcomes';
import { judge } from './contract-judge';
import type { CloudClient } from './http-client';
import { SCENARIO } from './scenario';
import { CloudState } from './scenario-state';
import { SIGN_IN_OFF, type SignIn } from './sign-in-mode';
import type { Step, StepEnv } from './step';
import { CLOUDS, type Cloud, type StepOutcome, type StepResult } from './types';

export interface ScenarioRun {
  steps: StepResult[];
  warnings: string[];
}

async function runOnBoth(
  step: Step,
  clients: Record<Cloud, CloudClient>,
  states: Record<Cloud, CloudState>,
  env: StepEnv,
) {
  if (step.concurrent) {
    const [aws, azure] = await Promise.all(CLOUDS.map((cloud) => step.run(clients[cloud], states[cloud], env)));
    return { aws: aws!, azure: azure! };
  }
  const aws = await step.run(clients.aws, states.aws, env);
  const azure = await step.run(clients.azure, states.azure, env);
  return { aws, azure };
}

async function removeLeftovers(
  client: CloudClient,
  state: CloudState,
  cloud: Cloud,
  signIn: SignIn,
): Promise<string[]> {
  const warnings = state.unanswered.map(
    (role) => `${cloud}: the create of ${role} got no answer; if it committed, that note is left behind`,
  );
  // B's notes exist only with sign-in on, and only B can delete them.
  const leftovers: Array<{ id: string; authorization?: string }> = [
    ...[...state.live].map((id) => ({ id })),
    ...(signIn.on ? [...state.liveOfB].map((id) => ({ id, authorization: signIn.b })) : []),
  ];
  for (const { id, authorization } of leftovers) {
    const exchange = await client.send({
      method: 'DELETE',
      path: `/api/notes/${id}`,
      ...(authorization && { authorization }),
    });
    if (exchange.status !== 204 && exchange.status !== 404) {
      warnings.push(`${cloud}: could not delete note ${id} (${exchange.error ?? exchange.status}); delete it by hand`);
    }
  }
  return warnings;
}

/** Nothing sent: no outcome, no violation, and `notApplicable` says why (never shown as met). */
function notApplicable(step: Step): StepResult {
  const none: StepOutcome = { status: undefined, headers: {}, body: undefined, latencyMs: 0 };
  return {
    step: step.name,
    description: step.description,
    notApplicable: SIGN_IN_OFF,
    aws: none,
    azure: none,
    contract: { aws: [], azure: [] },
    differences: [],
  };
}

export async function runScenario(
  clients: Record<Cloud, CloudClient>,
  env: StepEnv,
  onStep: (result: StepResult) => void = () => {},
  steps: readonly Step[] = SCENARIO,
): Promise<ScenarioRun> {
  const states: Record<Cloud, CloudState> = { aws: new CloudState(), azure: new CloudState() };
  const results: StepResult[] = [];
  for (const step of steps) {
    if (step.needsSignIn && !env.signIn.on) {
      const result = notApplicable(step);
      results.push(result);
      onStep(result);
      continue;
    }
    const outcomes: Record<Cloud, StepOutcome> = await runOnBoth(step, clients, states, env);
    const differences = compareOutcomes(outcomes.aws, outcomes.azure, {
      step: step.name,
      aliases: { aws: states.aws.aliases(), azure: states.azure.aliases() },
    });
    const contract = {
      aws: judge(step.name, 'aws', outcomes.aws, step.expect(states.aws)),
      azure: judge(step.name, 'azure', outcomes.azure, step.expect(states.azure)),
    };
    const result: StepResult = { step: step.name, description: step.description, ...outcomes, contract, differences };
    results.push(result);
    onStep(result);
  }
  const warnings = (
    await Promise.all(CLOUDS.map((cloud) => removeLeftovers(clients[cloud], states[cloud], cloud, env.signIn)))
  ).flat();
  return { steps: results, warnings };
}
