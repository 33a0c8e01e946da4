import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { CONCEPTS, PAIRED } from '../../plan/concepts';
import { buildGraph, checkParity, classify, type GraphInput } from '../../plan/graph';
import { main } from '../../plan/main';
import { renderJson, renderMarkdown } from '../../plan/render';
import { loadIndexFresh, runIndex } from './program-runner';

// A stand-in resource of any type, for programs that break parity on purpose.
class Fake extends pulumi.CustomResource {
  constructor(type: string, name: string) {
    super(type, name, {});
  }
}

const title = (id: string) => CONCEPTS.find((c) => c.id === id)!.title;

describe('the plan of the real program', () => {
  let resources: GraphInput[];
  beforeAll(async () => {
    resources = (await runIndex({ clouds: 'both' })).resources;
  });

  it('classifies every resource and finds parity on every concept', () => {
    expect(PAIRED).toEqual(expect.arrayContaining(['dead-letters', 'alerts', 'dashboard']));
    const graph = buildGraph(resources);
    expect(graph.unclassified).toEqual([]);
    expect(checkParity(graph)).toEqual({ ok: true, problems: [] });
    for (const row of graph.concepts.filter((r) => PAIRED.includes(r.concept))) {
      expect([row.concept, row.aws.length > 0, row.azure.length > 0]).toEqual([row.concept, true, true]);
    }
  });

  it.each(PAIRED.map((id) => [id]))('fails, naming it, when %s loses its Azure or its AWS side', (concept) => {
    for (const [cloud, other] of [
      ['azure', 'AWS'],
      ['aws', 'Azure'],
    ] as const) {
      const without = resources.filter((r) => {
        const place = classify(r);
        return !(place && place.cloud === cloud && place.concepts.includes(concept));
      });
      const parity = checkParity(buildGraph(without));
      expect(parity.ok).toBe(false);
      expect(parity.problems).toContain(
        `${title(concept)}: on ${other} only (no ${cloud === 'aws' ? 'AWS' : 'Azure'} counterpart)`,
      );
    }
  });

  it('fails on a resource type the table does not know, naming it', () => {
    const parity = checkParity(
      buildGraph([...resources, { type: 'aws:s3/bucket:Bucket', name: 'stray', custom: true, inputs: {} }]),
    );
    expect(parity.ok).toBe(false);
    expect(parity.problems).toEqual(['aws:s3/bucket:Bucket (stray) is in no concept: add it to plan/concepts.ts']);
  });

  it('renders the same bytes whatever the registration order', () => {
    const report = (list: GraphInput[]) => {
      const graph = buildGraph(list);
      return { project: 'p', stack: 's', graph, parity: checkParity(graph) };
    };
    const shuffled = [...resources].reverse();
    shuffled.push(shuffled.shift()!);
    expect(renderJson(report(shuffled))).toBe(renderJson(report(resources)));
    expect(renderMarkdown(report(shuffled))).toBe(renderMarkdown(report(resources)));
    const markdown = renderMarkdown(report(resources));
    expect(markdown).toContain('| concept | AWS | Azure |');
    for (const concept of PAIRED) expect(markdown).toContain(`| ${title(concept)} | \``);
  });
});

describe('npm run plan (plan/main.ts)', () => {
  let dir: string;
  const lines: string[] = [];
  const errors: string[] = [];
  const log = (line: string) => lines.push(line);
  const error = (line: string) => errors.push(line);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-test-'));
    lines.length = 0;
    errors.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes Markdown and JSON for the dev stack and exits 0', async () => {
    const code = await main(['--stack', 'dev', '--out-dir', dir], { load: loadIndexFresh, log, error });
    expect(code).toBe(0);
    expect(errors).toEqual([]);
    // The concept table on stdout, each concept with both clouds' resources.
    const table = lines[0]!;
    expect(table).toMatch(/concept\s+│\s+AWS\s+│\s+Azure/);
    for (const concept of PAIRED) {
      const row = table.split('\n').find((line) => line.startsWith(`│ ${title(concept)} `));
      expect([
        concept,
        row
          ?.split('│')
          .slice(2, 4)
          .map((cell) => /^ [a-z0-9]+\.\w+ \S+/i.test(cell)),
      ]).toEqual([concept, [true, true]]);
    }
    expect(table).toContain('lambda.Function aws-api');
    expect(table).toContain('cosmosdb.DatabaseAccount azure-cosmos');
    const json = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { parity: { ok: boolean }; stack: string };
    expect(json).toMatchObject({ stack: 'dev', parity: { ok: true } });
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toMatch(
      /^## Resource plan: serverless-aws-azure \(dev\)\n\nParity holds/,
    );
    expect(lines.at(-1)).toBe('parity holds on every concept');
  });

  it('exits 1 and names each concept that exists on one cloud only', async () => {
    const awsOnly = () => {
      new Fake('aws:lambda/function:Function', 'only-fn');
      new Fake('aws:dynamodb/table:Table', 'only-table');
      return {};
    };
    const code = await main(['--out-dir', dir], { load: awsOnly, log, error });
    expect(code).toBe(1);
    const output = errors.join('\n');
    expect(output).toContain('compute: on AWS only (no Azure counterpart)');
    expect(output).toContain('document store: on AWS only (no Azure counterpart)');
    expect(output).toContain('HTTP front door: on neither cloud');
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toContain('**Parity broken:**');
  });

  it('exits 2 on an unknown flag or stack, writing nothing', async () => {
    expect(await main(['--stak', 'dev', '--out-dir', dir], { log, error })).toBe(2);
    expect(await main(['--stack', 'nope', '--out-dir', dir], { log, error })).toBe(2);
    expect(lines).toEqual([]);
    expect(errors.join('\n')).toMatch(/Unknown option '--stak'[\s\S]*Pulumi\.nope\.yaml/);
    expect(() => readFileSync(join(dir, 'plan.md'))).toThrow();
  });
});
