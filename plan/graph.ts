/**
 * The resource graph of both clouds side by side, by parity concept, and the parity check.
 * Everything is sorted, so the same resources always give the same graph whatever the
 * order the program registered them in.
 */
import { CONCEPTS, PAIRED, RULES, type Cloud, type ConceptId, type ResourceFacts } from './concepts';

export interface PlannedResource {
  type: string;
  name: string;
}

export interface ConceptRow {
  concept: ConceptId;
  title: string;
  aws: PlannedResource[];
  azure: PlannedResource[];
}

export interface ResourceGraph {
  concepts: ConceptRow[];
  /** Custom resources no rule matches: the table in concepts.ts needs a line for them. */
  unclassified: PlannedResource[];
}

export interface ParityResult {
  ok: boolean;
  problems: string[];
}

export interface GraphInput extends ResourceFacts {
  /** false for component resources, which group others and are not deployed themselves. */
  custom: boolean;
}

const byTypeThenName = (a: PlannedResource, b: PlannedResource) =>
  a.type === b.type ? compare(a.name, b.name) : compare(a.type, b.type);
// Plain code-unit order: the same on every machine and locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function classify(resource: ResourceFacts): { cloud: Cloud; concepts: readonly ConceptId[] } | undefined {
  const rule = RULES.find((r) => r.type === resource.type && (r.when ? r.when(resource) : true));
  return rule && { cloud: rule.cloud, concepts: typeof rule.concept === 'string' ? [rule.concept] : rule.concept };
}

export function buildGraph(resources: readonly GraphInput[]): ResourceGraph {
  const rows = new Map<ConceptId, ConceptRow>(
    CONCEPTS.map((c) => [c.id, { concept: c.id, title: c.title, aws: [], azure: [] }]),
  );
  const unclassified: PlannedResource[] = [];
  for (const resource of resources) {
    if (!resource.custom) continue;
    const planned = { type: resource.type, name: resource.name };
    const place = classify(resource);
    if (!place) unclassified.push(planned);
    else for (const concept of place.concepts) rows.get(concept)![place.cloud].push(planned);
  }
  const concepts = [...rows.values()].map((row) => ({
    ...row,
    aws: [...row.aws].sort(byTypeThenName),
    azure: [...row.azure].sort(byTypeThenName),
  }));
  return { concepts, unclassified: unclassified.sort(byTypeThenName) };
}

/** Parity holds when every concept of the table has resources on both clouds and nothing is unclassified. */
export function checkParity(graph: ResourceGraph): ParityResult {
  const problems: string[] = [];
  for (const row of graph.concepts) {
    if (!PAIRED.includes(row.concept)) continue;
    const hasAws = row.aws.length > 0;
    const hasAzure = row.azure.length > 0;
    if (hasAws && !hasAzure) problems.push(`${row.title}: on AWS only (no Azure counterpart)`);
    if (hasAzure && !hasAws) problems.push(`${row.title}: on Azure only (no AWS counterpart)`);
    if (!hasAws && !hasAzure) problems.push(`${row.title}: on neither cloud`);
  }
  for (const r of graph.unclassified) {
    problems.push(`${r.type} (${r.name}) is in no concept: add it to plan/concepts.ts`);
  }
  return { ok: problems.length === 0, problems };
}
