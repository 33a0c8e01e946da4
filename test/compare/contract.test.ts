// Each cloud is judged against the contract on its own: two servers that break it the same way behave
// "the same" and still fail the run (exit 1), with each violation named by step, cloud and rule.
import { noteEventType } from '../../contract/events';
import { runCli } from '../../compare/cli';
import type { CompareReport } from '../../compare/types';
import { capturedIo } from './captured-io';
import { type TestServerOptions, startPair } from './core-server';

/** Breaks every answer but the health check's, so the preflight passes and the scenario runs. */
const exceptHealth = (broken: (response: Response) => Response): TestServerOptions => ({
  transform: (request, response) => (new URL(request.url).pathname === '/api/health' ? response : broken(response)),
});

const servedBy = (response: Response) => ({ 'x-served-by': response.headers.get('x-served-by')! });

/** Runs compare against two servers broken alike; returns the exit code and the JSON report. */
async function compareBrokenPair(options: TestServerOptions, flags: string[] = ['--skip-latency']) {
  const pair = await startPair(options, options);
  try {
    const io = capturedIo(__dirname);
    const code = await runCli(
      ['--aws', pair.aws.url, '--azure', pair.azure.url, '--json', '--event-timeout', '1500', ...flags],
      io,
    );
    expect(io.err()).toBe('');
    return { code, report: JSON.parse(io.out()) as CompareReport };
  } finally {
    await pair.close();
  }
}

const rulesOf = (report: CompareReport, step: string) =>
  report.violations.filter((v) => v.step === step).map((v) => `${v.cloud} ${v.rule}`);

test('404 everywhere on both: the same on both clouds, yet exit 1 with every step named per cloud', async () => {
  const { code, report } = await compareBrokenPair(
    exceptHealth(
      (r) =>
        new Response('{"message":"Not Found"}', {
          status: 404,
          headers: { 'content-type': 'application/json', ...servedBy(r) },
        }),
    ),
  );
  expect(code).toBe(1);
  expect(report.differences).toEqual([]);
  expect(report.meetsContract).toEqual({ aws: false, azure: false });
  expect(report.violations).toContainEqual({
    step: 'hello',
    cloud: 'aws',
    rule: 'status',
    expected: '200',
    found: '404',
  });
  expect(report.violations).toContainEqual({
    step: 'create-note-1',
    cloud: 'azure',
    rule: 'status',
    expected: '201',
    found: '404',
  });
  // Steps whose right answer is 404 still break it: a problem body is expected, not any 404.
  const unknownRoute = rulesOf(report, 'error-unknown-route');
  for (const rule of ['header:content-type', 'body.type', 'body.detail', 'body.message']) {
    expect(unknownRoute).toEqual(expect.arrayContaining([`aws ${rule}`, `azure ${rule}`]));
  }
  expect(report.verdict.at(-1)).toMatch(
    /^FAILED: aws breaks it \d+ time\(s\), azure breaks it \d+ time\(s\); the clouds behave the same; owner isolation NOT CHECKED: \d+ steps not applicable: sign-in is off \(.*\)\. Each is listed above\.$/,
  );
});

test('200 {"ok":true} to everything on both: exit 1, wrong status and wrong body named', async () => {
  const { code, report } = await compareBrokenPair(
    exceptHealth(
      (r) =>
        new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json', ...servedBy(r) } }),
    ),
  );
  expect(code).toBe(1);
  expect(report.same).toBe(true);
  expect(rulesOf(report, 'hello')).toEqual(['aws body.message', 'aws body.ok', 'azure body.message', 'azure body.ok']);
  expect(report.violations).toContainEqual({
    step: 'error-validation',
    cloud: 'azure',
    rule: 'status',
    expected: '400',
    found: '200',
  });
  expect(report.violations).toContainEqual({
    step: 'delete',
    cloud: 'aws',
    rule: 'status',
    expected: '204',
    found: '200',
  });
});

test('no x-served-by on both: exit 1, the header named on every step of each cloud', async () => {
  const { code, report } = await compareBrokenPair(
    exceptHealth((r) => {
      const headers = new Headers(r.headers);
      headers.delete('x-served-by');
      return new Response(r.body, { status: r.status, headers });
    }),
  );
  expect(code).toBe(1);
  expect(report.violations).toContainEqual({
    step: 'hello',
    cloud: 'aws',
    rule: 'header:x-served-by',
    expected: 'aws or local-aws',
    found: '(absent)',
  });
  expect(report.violations).toContainEqual({
    step: 'get',
    cloud: 'azure',
    rule: 'header:x-served-by',
    expected: 'azure or local-azure',
    found: '(absent)',
  });
  // Nothing else is wrong with these answers.
  expect(new Set(report.violations.map((v) => v.rule))).toEqual(new Set(['header:x-served-by']));
});

test('no events recorded on both: exit 1, the events step and the delivery run named per cloud', async () => {
  const { code, report } = await compareBrokenPair({ dropEvents: ['created', 'updated', 'deleted'] }, [
    '--requests',
    '5',
    '--concurrency',
    '1',
    '--event-notes',
    '1',
  ]);
  expect(code).toBe(1);
  expect(report.same).toBe(true);
  // note-1 was deleted and none of its events was recorded: its activity is 404 (no activity and no
  // note: docs/ARCHITECTURE.md), so the step ends there, named per cloud.
  expect(rulesOf(report, 'events')).toEqual(['aws complete', 'aws status', 'azure complete', 'azure status']);
  expect(report.violations).toContainEqual({
    step: 'events',
    cloud: 'azure',
    rule: 'complete',
    expected: 'the step to finish',
    found: 'the activity of note-1 answered 404',
  });
  expect(rulesOf(report, 'event-latency')).toEqual(['aws delivered', 'azure delivered']);
});

test('an event with the wrong version on both: the malformed item is named', async () => {
  // A subscriber that records every event as version 7: delivered, but not the write's event.
  const { code, report } = await compareBrokenPair({
    transform: async (request, response) => {
      if (!new URL(request.url).pathname.endsWith('/activity')) return response;
      const body = (await response.json()) as { items: Array<{ version: number }> };
      const items = body.items.map((item) => ({ ...item, version: 7 }));
      return new Response(JSON.stringify({ items }), { status: 200, headers: response.headers });
    },
  });
  expect(code).toBe(1);
  const malformed = report.violations.filter((v) => v.step === 'events' && v.cloud === 'aws');
  expect(malformed).toHaveLength(5); // 7 malformed, the first 5 listed
  expect(malformed[0]).toEqual({
    step: 'events',
    cloud: 'aws',
    rule: 'body.items',
    expected: expect.stringMatching(
      /^the com\.example\.note\.created event of note-1 \(version 1\): \{"eventId":"[0-9a-f-]{36}\.v1\.created","type":"com\.example\.note\.created","noteId":"[0-9a-f-]{36}","version":1\} and a time$/,
    ),
    found: '{"version":7}',
  });
});

test('the text output names the violations and says why the run failed', async () => {
  const pair = await startPair({ dropEvents: ['deleted'] }, {});
  try {
    const io = capturedIo(__dirname);
    const code = await runCli(
      ['--aws', pair.aws.url, '--azure', pair.azure.url, '--skip-latency', '--event-timeout', '1000'],
      io,
    );
    const text = io.out();
    expect(code).toBe(1);
    expect(text).toMatch(/│ events\s+│\s+200 │\s+200 │ meets\s+│ BREAKS \(4\)\s+│ DIFFERS/);
    expect(text).toContain(
      `  events azure complete: expected the step to finish, found after 1000 ms still missing: ${noteEventType('deleted')} of note-1`,
    );
    expect(text).toContain(
      `  events azure body.items: expected the ${noteEventType('deleted')} event of note-3 (version 1), found none\n`,
    );
    expect(text.trim().split('\n').at(-1)).toMatch(
      /^FAILED: aws meets the contract, azure breaks it 4 time\(s\); the clouds differ \d+ time\(s\); owner isolation NOT CHECKED: .*\. Each is listed above\.$/,
    );
  } finally {
    await pair.close();
  }
});
