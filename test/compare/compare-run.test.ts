// compareClouds as a function against real core servers: the same behaviour → same; each kind of
// divergence → a difference naming the step and where.
import { compareClouds, type RunOptions } from '../../compare/compare';
import { SCENARIO } from '../../compare/scenario';
import { NOTE_EVENT_TYPES, noteEventType } from '../../contract/events';
import { startPair } from './core-server';
import { startSignedInPair } from './sign-in-servers';

const FAST: RunOptions = {
  requests: 20,
  concurrency: 4,
  timeoutMs: 5000,
  eventTimeoutMs: 3000,
  eventNotes: 2,
  skipLatency: false,
};

const source = (urls: { aws: string; azure: string }) => ({ kind: 'flags' as const, detail: 'test', urls });

describe('compareClouds', () => {
  test('two servers that behave the same, sign-in on: every step runs, no differences, latency measured', async () => {
    const pair = await startSignedInPair();
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        authorizations: pair.authorizations,
      });
      expect(report.violations).toEqual([]);
      expect(report.differences).toEqual([]);
      expect([report.same, report.meetsContract, report.passed]).toEqual([true, { aws: true, azure: true }, true]);
      expect(report.verdict.at(-1)).toBe('Both clouds meet the contract and behave the same.');
      expect(report.steps.map((s) => s.step)).toEqual(SCENARIO.map((s) => s.name));

      const step = (name: string) => report.steps.find((s) => s.step === name)!;
      expect([step('create-note-1').aws.status, step('create-note-1').azure.status]).toEqual([201, 201]);
      expect(step('update-stale-if-match').aws.status).toBe(412);
      expect(step('update-without-if-match').azure.status).toBe(428);
      expect(step('error-body-too-large').aws.status).toBe(413);
      expect(step('error-method-not-allowed').azure.headers.allow).toBeDefined();
      expect(step('get-after-delete').aws.status).toBe(404);
      // The two-user steps ran on both clouds and got the contract's answers.
      expect(report.signIn.on).toBe(true);
      expect(report.steps.filter((s) => s.notApplicable !== undefined)).toEqual([]);
      const statuses = (name: string) => [step(name).aws.status, step(name).azure.status];
      expect(statuses('no-token')).toEqual([401, 401]);
      expect(statuses('forged-token')).toEqual([401, 401]);
      for (const name of ['b-get-a-note', 'b-put-a-note', 'b-delete-a-note', 'b-activity-a-note', 'a-get-b-note'])
        expect(statuses(name)).toEqual([404, 404]);
      expect(statuses('b-create')).toEqual([201, 201]);
      expect(statuses('b-delete-own')).toEqual([204, 204]);
      expect(step('b-list').azure.body).toEqual({ othersNotesListed: [] });
      const events = (step('events').azure.body as { items: Array<{ type: string }> }).items.map((i) => i.type);
      // Every write of the scenario, note by note: note-1 created, updated, deleted; note-2 and note-3 created, deleted.
      const [created, updated, deleted] = NOTE_EVENT_TYPES;
      expect(events).toEqual([created, updated, deleted, created, deleted, created, deleted]);
      const listed = step('list-follow-cursor').aws.body as { notesOfThisRun: unknown[]; idsAscending: boolean };
      expect(listed.notesOfThisRun).toHaveLength(3);
      expect(listed.idsAscending).toBe(true);

      for (const cloud of ['aws', 'azure'] as const) {
        const latency = report.latency![cloud];
        expect(latency.errors).toBe(0);
        expect(latency.firstMs).toBeGreaterThan(0);
        expect(latency.samplesMs).toHaveLength(19); // the first request is kept apart
        expect(latency.p50! <= latency.p95! && latency.p95! <= latency.p99! && latency.p99! <= latency.max!).toBe(true);
        expect(report.eventLatency![cloud].samplesMs).toHaveLength(2);
        expect(report.eventLatency![cloud].undelivered).toBe(0);
      }
      expect(report.warnings).toEqual([]);
    } finally {
      await pair.close();
    }
  });

  test('sign-in off: the two-user steps are not applicable, shown so, never as passed', async () => {
    const pair = await startPair();
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
      });
      expect(report.signIn).toEqual({
        on: false,
        why: 'GET /api/notes?limit=1 without a token answered aws 200, azure 200',
      });
      const skipped = report.steps.filter((s) => s.notApplicable !== undefined);
      expect(skipped.map((s) => s.step)).toEqual(SCENARIO.filter((s) => s.needsSignIn).map((s) => s.name));
      expect(skipped.length).toBeGreaterThan(10);
      expect(new Set(skipped.map((s) => s.notApplicable))).toEqual(new Set(['not applicable: sign-in is off']));
      // Nothing was sent for them: no request as B, none without a token to a notes route.
      expect(skipped.every((s) => s.aws.status === undefined && s.azure.status === undefined)).toBe(true);
      // The public steps still ran.
      expect(report.steps.find((s) => s.step === 'public-hello-no-token')!.aws.status).toBe(200);
      expect(report.passed).toBe(true);
      expect(report.verdict.at(-1)).toBe(
        `Both clouds meet the contract and behave the same; owner isolation NOT CHECKED: ${skipped.length} steps not applicable: sign-in is off (${report.signIn.why}).`,
      );
    } finally {
      await pair.close();
    }
  });

  test('the scenario cleans up: nothing it created is left listed, for either user', async () => {
    const pair = await startSignedInPair();
    try {
      await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
        authorizations: pair.authorizations,
      });
      for (const url of [pair.aws.url, pair.azure.url]) {
        for (const authorization of [pair.authorizations.a, pair.authorizations.b]) {
          const body = (await (await fetch(`${url}/api/notes`, { headers: { authorization } })).json()) as {
            items: unknown[];
          };
          expect(body.items).toEqual([]);
        }
      }
    } finally {
      await pair.close();
    }
  });

  test('a stale If-Match answered 409 instead of 412 is named: step, path, both values', async () => {
    const pair = await startPair({
      transform: (request, response) =>
        request.method === 'PUT' && response.status === 412
          ? new Response(response.body, { status: 409, headers: response.headers })
          : response,
    });
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
      });
      expect(report.same).toBe(false);
      expect(report.differences).toContainEqual({
        step: 'update-stale-if-match',
        path: 'status',
        aws: '412',
        azure: '409',
      });
    } finally {
      await pair.close();
    }
  });

  test('a body field that differs is named by its path; headers that matter are compared', async () => {
    const pair = await startPair({
      transform: async (request, response) => {
        if (new URL(request.url).pathname !== '/api/hello') return response;
        const headers = new Headers(response.headers);
        headers.set('content-type', 'text/json');
        return new Response(JSON.stringify({ message: 'Hi there!' }), { status: 200, headers });
      },
    });
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
      });
      const hello = report.differences.filter((d) => d.step === 'hello');
      expect(hello).toContainEqual({ step: 'hello', path: 'message', aws: '"Hello, world!"', azure: '"Hi there!"' });
      expect(hello.find((d) => d.path === 'header:content-type')).toBeDefined();
    } finally {
      await pair.close();
    }
  });

  test('events that never arrive on one cloud are named in the events step', async () => {
    const pair = await startPair({ dropEvents: ['deleted'] });
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
        eventTimeoutMs: 400,
      });
      const events = report.differences.filter((d) => d.step === 'events');
      expect(events).toContainEqual(
        expect.objectContaining({
          path: 'note',
          azure: `after 400 ms still missing: ${[1, 2, 3].map((n) => `${noteEventType('deleted')} of note-${n}`).join(', ')}`,
        }),
      );
      expect(events).toContainEqual(expect.objectContaining({ path: 'items', aws: '7 items', azure: '4 items' }));
      // And azure alone breaks the contract there.
      expect(report.meetsContract).toEqual({ aws: true, azure: false });
      expect(report.violations.filter((v) => v.step === 'events').map((v) => [v.cloud, v.rule])).toContainEqual([
        'azure',
        'complete',
      ]);
    } finally {
      await pair.close();
    }
  });

  test('a POST that times out is not sent again, and its possible leftover is reported', async () => {
    let firstPost = true;
    const pair = await startPair({
      transform: async (request, response) => {
        if (request.method === 'POST' && firstPost) {
          firstPost = false;
          await new Promise((resolve) => setTimeout(resolve, 800));
        }
        return response;
      },
    });
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        skipLatency: true,
        timeoutMs: 300,
        eventTimeoutMs: 300,
      });
      expect(report.differences).toContainEqual({
        step: 'create-note-1',
        path: 'request',
        aws: 'answered 201',
        azure: 'timed out after 300 ms',
      });
      const posts = (seen: string[]) => seen.filter((line) => line === 'POST /api/notes').length;
      const scenarioPosts = SCENARIO.filter(
        (s) => s.name.startsWith('create-') || /bad-json|validation|media-type|too-large/.test(s.name),
      );
      expect(posts(pair.azure.seen)).toBe(scenarioPosts.length);
      expect(posts(pair.azure.seen)).toBe(posts(pair.aws.seen));
      expect(report.warnings).toContain(
        'azure: the create of note-1 got no answer; if it committed, that note is left behind',
      );
    } finally {
      await pair.close();
    }
  });

  test('malformed list and activity bodies are differences, not crashes', async () => {
    const json = (body: string) =>
      new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-served-by': 'local-azure' },
      });
    const pair = await startPair({
      transform: (request, response) => {
        const url = new URL(request.url);
        if (url.pathname.endsWith('/activity')) return json('{"items":[null, 7]}');
        if (url.pathname === '/api/notes' && url.searchParams.get('limit') === '2') return json('{"items":[null]}');
        return response;
      },
    });
    try {
      const report = await compareClouds(source({ aws: pair.aws.url, azure: pair.azure.url }), {
        ...FAST,
        eventTimeoutMs: 300,
      });
      const steps = new Set(report.differences.map((d) => d.step));
      expect(steps).toEqual(new Set(['list-first-page', 'list-follow-cursor', 'events', 'event-latency']));
    } finally {
      await pair.close();
    }
  });

  test('the same URL passed for both clouds is caught by the preflight, before any write', async () => {
    const pair = await startPair();
    try {
      await expect(
        compareClouds(source({ aws: pair.aws.url, azure: pair.aws.url }), { ...FAST, skipLatency: true }),
      ).rejects.toThrow(
        `azure ${pair.aws.url}: GET /api/health has x-served-by "local-aws", expected azure or local-azure: is this the azure URL?`,
      );
      expect(pair.aws.seen).toEqual(['GET /api/health', 'GET /api/health']);
    } finally {
      await pair.close();
    }
  });
});
