// Scenario steps as compare records them, with the consumption header each target would send: the
// steps a traffic profile is made of, plus an error refused before the app (no header).
import type { SampledStep } from '../../compare/cost/consumption-reader';
import { CONSUMPTION_HEADER, type Consumption, encodeConsumption } from '../../handlers/core/consumption';

type Where = 'local' | 'cloud';

const dynamo = (kind: 'read' | 'write', bytes: number, units: number, extra: object = {}) => ({
  store: 'dynamodb' as const,
  kind,
  bytes,
  reportedUnits: units,
  ...extra,
});
// Cosmos charges as a deployed account would send them; the local emulator always says 1.
const cosmos = (where: Where, kind: 'read' | 'write', bytes: number, charge: number) => ({
  store: 'cosmos' as const,
  kind,
  bytes,
  reportedUnits: where === 'local' ? 1 : charge,
});

function response(where: Where, cloud: 'aws' | 'azure', status: number, consumption: Consumption | undefined) {
  const headers: Record<string, string> = { 'x-served-by': where === 'local' ? `local-${cloud}` : cloud };
  if (consumption) headers[CONSUMPTION_HEADER] = encodeConsumption(consumption);
  return { status, headers };
}

function step(
  where: Where,
  name: string,
  description: string,
  status: number,
  aws: Consumption | undefined,
  azure: Consumption | undefined,
): SampledStep {
  return {
    step: name,
    description,
    aws: response(where, 'aws', status, aws),
    azure: response(where, 'azure', status, azure),
  };
}

/** A 300-byte note: 1 WRU, 1 RRU strongly read; on Cosmos a 6.2 RU write and a 1 RU read when deployed. */
export function sampledSteps(where: Where): SampledStep[] {
  const read = step(
    where,
    'get',
    'GET /api/notes/{note-1}',
    200,
    { durationMs: 10, operations: [dynamo('read', 300, 1, { consistent: true })] },
    { durationMs: 10, operations: [cosmos(where, 'read', 300, 1)] },
  );
  const write = (name: string, method: string, status: number) =>
    step(
      where,
      name,
      `${method} /api/notes`,
      status,
      { durationMs: 20, operations: [dynamo('write', 300, 1)] },
      { durationMs: 20, operations: [cosmos(where, 'write', 300, 6.2)] },
    );
  return [
    read,
    { ...read, step: 'get-after-update' },
    write('create-note-2', 'POST', 201),
    write('create-note-3', 'POST', 201),
    write('update', 'PUT', 200),
    write('delete-note-2', 'DELETE', 204),
    write('delete-note-3', 'DELETE', 204),
    step(where, 'error-body-too-large', 'POST /api/notes with a 128 KiB body → 413', 413, undefined, undefined),
  ];
}
