// Reads what each scenario response consumed from its debug header (handlers/core/consumption.ts),
// validated: a malformed header is an error naming the step, never a silent zero.
import * as v from 'valibot';
import { CONSUMPTION_HEADER, type Consumption } from '../../handlers/core/consumption';
import type { Cloud } from './prices';

const OperationSchema = v.strictObject({
  store: v.picklist(['dynamodb', 'cosmos']),
  kind: v.picklist(['read', 'write', 'query']),
  bytes: v.pipe(v.number(), v.minValue(0)),
  reportedUnits: v.optional(v.pipe(v.number(), v.minValue(0))),
  consistent: v.optional(v.boolean()),
  failed: v.optional(v.boolean()),
});

const ConsumptionSchema = v.strictObject({
  durationMs: v.pipe(v.number(), v.minValue(0)),
  memoryMb: v.optional(v.pipe(v.number(), v.minValue(1))),
  operations: v.array(OperationSchema),
});

/** What compare recorded of one response: only what the cost model reads. */
export interface SampledResponse {
  status: number | undefined;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

/** A scenario step on both clouds: a structural subset of compare's StepResult. */
export type SampledStep = { step: string; description: string } & Record<Cloud, SampledResponse>;

/** The header's consumption; undefined when the response carries none. */
export function consumptionOf(response: SampledResponse, where: string): Consumption | undefined {
  const header = response.headers[CONSUMPTION_HEADER];
  if (header === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(header);
  } catch {
    throw new Error(`${where}: the ${CONSUMPTION_HEADER} header is not JSON: ${header.slice(0, 200)}`);
  }
  const parsed = v.safeParse(ConsumptionSchema, json);
  if (!parsed.success) {
    throw new Error(
      `${where}: the ${CONSUMPTION_HEADER} header is malformed (${parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ')})`,
    );
  }
  return parsed.output;
}

/** Local mode marks its answers local-aws / local-azure: emulators, whose charges are not the cloud's. */
export const isLocal = (response: SampledResponse): boolean =>
  (response.headers['x-served-by'] ?? '').startsWith('local-');

/** The method of a step, from its description ("POST /api/notes (note-1)"). */
export const methodOf = (step: SampledStep): string => step.description.split(' ')[0]!.toUpperCase();

/** A write that committed, so a change event follows: POST 201, PUT 200, DELETE 204. */
export function committedWrite(method: string, status: number | undefined): boolean {
  return (
    (method === 'POST' && status === 201) ||
    (method === 'PUT' && status === 200) ||
    (method === 'DELETE' && status === 204)
  );
}
