// estimateCosts over recorded scenario steps: per step per million requests (hand-computed), the
// month of a profile, what local mode estimates instead of trusting the emulator, and clear errors.
import { estimateCosts } from '../../compare/cost/estimate';
import type { StackSettings } from '../../compare/cost/model';
import { loadPriceTable } from '../../compare/cost/prices';
import { costJson, renderCostText } from '../../compare/cost/render-text';
import type { TrafficProfile } from '../../compare/cost/traffic';
import { CONSUMPTION_HEADER } from '../../handlers/core/consumption';
import { sampledSteps } from './cost-samples';

const table = loadPriceTable();
const stack: StackSettings = {
  awsRegion: 'us-east-1',
  azureRegion: 'eastus',
  functionMemoryMb: 512,
  azureInstanceMemoryMb: 2048,
  logRetentionDays: 30,
};
const profile: TrafficProfile = {
  name: 'test',
  requestsPerDay: 10_000,
  readShare: 0.5,
  noteBytes: 300,
  storedNotes: 1000,
};

const stepOf = (report: ReturnType<typeof estimateCosts>, name: string) => report.steps.find((s) => s.step === name)!;

describe('estimateCosts', () => {
  it('prices a read per million requests on AWS by hand', () => {
    const report = estimateCosts({ steps: sampledSteps('cloud') }, profile, table, stack);
    // 1M × ($1.00 HTTP API + $0.20 Lambda) per million, 1M × 0.5 GB × 0.010 s × $0.0000133334,
    // 1M RRU × $0.125 per million, 1M × 350 bytes = 0.35 GB of logs × $0.50.
    const expected = 1.0 + 0.2 + 1e6 * 0.5 * 0.01 * 0.0000133334 + 0.125 + 0.35 * 0.5;
    expect(stepOf(report, 'get').aws!.usdPerMillion).toBeCloseTo(expected, 8);
    expect(stepOf(report, 'get').aws!.withEvent).toBe(false);
  });

  it('adds the event to a committed write, and counts a refused request as an invocation of the minimum', () => {
    const report = estimateCosts({ steps: sampledSteps('cloud') }, profile, table, stack);
    const create = stepOf(report, 'create-note-2');
    expect(create.aws!.withEvent).toBe(true);
    // The write's own cost (1 WRU, 20 ms) plus the event: 2 invocations of 50 ms, 1 bus event, 1 WRU, 700 log bytes.
    const request = 1.0 + 0.2 + 1e6 * 0.5 * 0.02 * 0.0000133334 + 0.625 + 0.35 * 0.5;
    const event = 2 * 0.2 + 1e6 * 2 * 0.5 * 0.05 * 0.0000133334 + 1.0 + 0.625 + 0.7 * 0.5;
    expect(create.aws!.usdPerMillion).toBeCloseTo(request + event, 8);
    const refused = stepOf(report, 'error-body-too-large');
    expect(refused.aws!.basis).toBe('not reported (answered before the app)');
    expect(refused.aws!.measure.durationMs).toBe(1);
  });

  it('trusts Cosmos charges from a deployed account, and estimates them by the rule against the emulator', () => {
    const cloud = estimateCosts({ steps: sampledSteps('cloud') }, profile, table, stack);
    const local = estimateCosts({ steps: sampledSteps('local') }, profile, table, stack);
    expect(stepOf(cloud, 'create-note-2').azure!.measure.requestUnits).toBe(6.2); // as reported
    expect(stepOf(local, 'create-note-2').azure!.measure.requestUnits).toBe(5); // the rule: 1 started KB × 5, not the emulator's 1
    expect(local.basis.azure.join(' ')).toContain('estimated');
    expect(cloud.basis.azure.join(' ')).toContain('as Cosmos DB reported them');
    // The notes table has no index: a create is one write unit against dynalite as on DynamoDB.
    expect(stepOf(local, 'create-note-2').aws!.measure.writeUnits).toBe(1);
    expect(stepOf(cloud, 'create-note-2').aws!.measure.writeUnits).toBe(1);
  });

  it('makes a month of the profile from its steps: linear in traffic, free tiers only lowering it', () => {
    const month = (requestsPerDay: number) =>
      estimateCosts({ steps: sampledSteps('cloud') }, { ...profile, requestsPerDay }, table, stack);
    const one = month(10_000);
    const two = month(20_000);
    for (const cloud of ['aws', 'azure'] as const) {
      const traffic = (r: typeof one) => r.monthly[cloud].usdWithoutFreeTiers - r.idle[cloud].usdWithoutFreeTiers;
      expect(traffic(two)).toBeGreaterThan(traffic(one));
      expect(one.monthly[cloud].usdWithFreeTiers).toBeLessThanOrEqual(one.monthly[cloud].usdWithoutFreeTiers);
    }
    // 10,000 a day × 30 days, half reads: 300,000 HTTP API requests on AWS.
    expect(one.monthly.aws.lines.find((l) => l.line === 'httpApiRequests')!.quantity).toBeCloseTo(300_000, 6);
    // Writes publish one event each: 150,000 bus events; Event Grid bills publish + delivery.
    expect(one.monthly.aws.lines.find((l) => l.line === 'eventBridgeEvents')!.quantity).toBeCloseTo(150_000, 6);
    expect(one.monthly.azure.lines.find((l) => l.line === 'eventGridOperations')!.quantity).toBeCloseTo(300_000, 6);
  });

  it("scales store units to the profile's note size", () => {
    const small = estimateCosts({ steps: sampledSteps('cloud') }, profile, table, stack);
    const big = estimateCosts({ steps: sampledSteps('cloud') }, { ...profile, noteBytes: 3000 }, table, stack);
    const wru = (r: typeof small) => r.monthly.aws.lines.find((l) => l.line === 'dynamoWriteRequestUnits')!.quantity;
    // 150,000 writes: 1 WRU each at 300 bytes, 3 WRU each at 3,000 bytes; plus 150,000 one-WRU activity records.
    expect(wru(small)).toBeCloseTo(150_000 + 150_000, 6);
    expect(wru(big)).toBeCloseTo(3 * 150_000 + 150_000, 6);
  });

  it('says how to turn reporting on when a target reported nothing', () => {
    const steps = sampledSteps('local').map((s) => ({
      ...s,
      azure: { ...s.azure, headers: { 'x-served-by': 'local-azure' } },
    }));
    expect(() => estimateCosts({ steps }, profile, table, stack)).toThrow(
      'azure: no response carried consumption; start the target with REPORT_CONSUMPTION=true',
    );
  });

  it('names the step of a malformed header instead of counting it as zero', () => {
    const steps = sampledSteps('local');
    steps[0]!.aws.headers[CONSUMPTION_HEADER] = '{"durationMs":"fast","operations":[]}';
    expect(() => estimateCosts({ steps }, profile, table, stack)).toThrow(
      /aws get: the x-consumption header is malformed \(durationMs/,
    );
  });

  it('names a step the profile needs when the run lacks it', () => {
    const steps = sampledSteps('cloud').filter((s) => s.step !== 'update');
    expect(() => estimateCosts({ steps }, profile, table, stack)).toThrow('the scenario has no step "update"');
  });

  it('renders the terminal table and JSON with the profile, both regions and the sources', () => {
    const report = estimateCosts({ steps: sampledSteps('local') }, profile, table, stack);
    const text = renderCostText(report);
    expect(text).toContain('test: 10,000 requests/day (50% reads');
    expect(text).toMatch(/│ aws\s+│ us-east-1\s+│/);
    expect(text).toMatch(/│ azure\s+│ eastus\s+│/);
    expect(text).toContain('https://aws.amazon.com/dynamodb/pricing/on-demand/ (read 2026-11-30)');
    expect(text).toContain('Left out: data transfer out, support plans');
    expect(JSON.parse(costJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
