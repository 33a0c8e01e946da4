// The odd requests of docs/ARCHITECTURE.md ("Odd requests"), sent byte for byte to both emulated front
// doors: the same status and body from each, refusals as problem+json with x-served-by and one log
// line with the reason, and the store changed only as the answer says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRONT_DOOR_MAX_BODY_BYTES } from '../../local/read-body';
import { startLocal, type LocalMode } from '../../local/start-local';
import { call, json, normalise } from './helpers/clouds';
import { sendOnSocket, type SocketAnswer } from './helpers/raw-socket';

const CLOUDS = ['local-aws', 'local-azure'] as const;
type CloudName = (typeof CLOUDS)[number];

let local: LocalMode;
let dataDir: string;
const lines: Record<string, unknown>[] = [];
const portOf: Record<CloudName, number> = { 'local-aws': 0, 'local-azure': 0 };
const urlOf = (cloud: CloudName) => (cloud === 'local-aws' ? local.awsUrl : local.azureUrl);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'odd-requests-'));
  // Sign-in off: these requests are about the front doors (owners and tokens: owners.e2e.test.ts).
  local = await startLocal({
    awsPort: 0,
    azurePort: 0,
    inMemory: true,
    dataDir,
    log: (line) => lines.push(line),
    auth: 'none',
  });
  for (const cloud of CLOUDS) portOf[cloud] = Number(new URL(urlOf(cloud)).port);
}, 60_000);

afterAll(async () => {
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createNote(cloud: CloudName, title = 'odd'): Promise<string> {
  const created = await call(urlOf(cloud), '/api/notes', { method: 'POST', ...json({ title, body: '' }) });
  expect(created.status).toBe(201);
  return (created.json as { id: string }).id;
}

const statusOf = async (cloud: CloudName, id: string) => (await call(urlOf(cloud), `/api/notes/${id}`)).status;

/** `head` with `{id}` replaced by a fresh note's id on each cloud; both answers. */
async function onBoth(
  head: (id: string) => string,
  body: Buffer | string = '',
): Promise<Record<CloudName, SocketAnswer & { id: string }>> {
  const answers = {} as Record<CloudName, SocketAnswer & { id: string }>;
  for (const cloud of CLOUDS) {
    const id = await createNote(cloud);
    answers[cloud] = { ...(await sendOnSocket(portOf[cloud], head(id), body)), id };
  }
  return answers;
}

const comparable = (answer: SocketAnswer & { id?: string }) => ({
  status: answer.status,
  body: normalise(answer.id ? answer.body.split(answer.id).join('<note>') : answer.body),
});

/** The same answer from both clouds; each a problem with its own x-served-by when it is a refusal. */
function expectSameAnswer(answers: Record<CloudName, SocketAnswer & { id?: string }>, status: number): void {
  expect(comparable(answers['local-aws'])).toEqual(comparable(answers['local-azure']));
  for (const cloud of CLOUDS) {
    const answer = answers[cloud];
    expect([cloud, answer.status]).toEqual([cloud, status]);
    expect(answer.headers['x-served-by']).toBe(cloud);
    if (status >= 400) {
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ type: 'about:blank', status });
    }
  }
}

describe('the Host header routes nothing', () => {
  it('DELETE /api/notes/B with Host "127.0.0.1/api/notes/A#" is 400 (no host), and A and B stay', async () => {
    for (const cloud of CLOUDS) {
      const a = await createNote(cloud);
      const b = await createNote(cloud);
      const answer = await sendOnSocket(
        portOf[cloud],
        `DELETE /api/notes/${b} HTTP/1.1\r\nHost: 127.0.0.1/api/notes/${a}#`,
      );
      expect([cloud, answer.status, await statusOf(cloud, a), await statusOf(cloud, b)]).toEqual([
        cloud,
        400,
        200,
        200,
      ]);
    }
    const answers = await onBoth((id) => `DELETE /api/notes/${id} HTTP/1.1\r\nHost: 127.0.0.1/api/notes/x#`);
    expectSameAnswer(answers, 400);
  });

  it('a valid Host that names another server is ignored: DELETE /api/notes/B deletes B', async () => {
    for (const cloud of CLOUDS) {
      const a = await createNote(cloud);
      const b = await createNote(cloud);
      const answer = await sendOnSocket(portOf[cloud], `DELETE /api/notes/${b} HTTP/1.1\r\nHost: evil.example:8443`);
      expect([cloud, answer.status, await statusOf(cloud, a), await statusOf(cloud, b)]).toEqual([
        cloud,
        204,
        200,
        404,
      ]);
    }
  });

  it.each(['[not a host', 'a b', 'user@evil.example'])(
    'Host %j, which is no host, is 400 on both clouds',
    async (host) => {
      const answers = await onBoth((id) => `GET /api/notes/${id} HTTP/1.1\r\nHost: ${host}`);
      expectSameAnswer(answers, 400);
    },
  );

  it('two Host headers are 400 on both clouds (RFC 9112 §3.2)', async () => {
    const answers = await onBoth((id) => `DELETE /api/notes/${id} HTTP/1.1\r\nHost: a\r\nHost: b`);
    expectSameAnswer(answers, 400);
    for (const cloud of CLOUDS) expect(await statusOf(cloud, answers[cloud].id)).toBe(200);
  });

  it('"//evil.example/api/notes/{id}" is a path, not an authority: 404, the note stays', async () => {
    const answers = await onBoth((id) => `DELETE //evil.example/api/notes/${id} HTTP/1.1\r\nHost: x`);
    expectSameAnswer(answers, 404);
    for (const cloud of CLOUDS) expect(await statusOf(cloud, answers[cloud].id)).toBe(200);
  });

  it('an absolute-form target is routed by its path; its authority is ignored', async () => {
    const answers = await onBoth((id) => `GET http://evil.example/api/notes/${id} HTTP/1.1\r\nHost: x`);
    expectSameAnswer(answers, 200);
  });

  it('a target that is neither a path nor an absolute URL is 400', async () => {
    const answers = await onBoth(() => 'GET * HTTP/1.1\r\nHost: x');
    expectSameAnswer(answers, 400);
  });
});

describe('encoded separators and duplicate or empty headers', () => {
  it('%2F in a note path is a separator on both clouds (API Gateway decodes it before the Lambda)', async () => {
    const answers = await onBoth(
      (id) =>
        `PUT /api/notes%2F${id} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIf-Match: *\r\nContent-Length: 23`,
      '{"title":"t","body":""}',
    );
    expectSameAnswer(answers, 200);
  });

  it('two Content-Type headers are 415 on both clouds, and nothing is created', async () => {
    const note = '{"title":"twice","body":""}';
    const answers = await onBoth(
      () =>
        `POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: application/json\r\nContent-Length: ${note.length}`,
      note,
    );
    expectSameAnswer(answers, 415);
    for (const cloud of CLOUDS) expect((await call(urlOf(cloud), '/api/notes?limit=100')).text).not.toContain('twice');
  });

  it('an empty If-Match is malformed (400) on both clouds, and the note stays', async () => {
    const answers = await onBoth((id) => `DELETE /api/notes/${id} HTTP/1.1\r\nHost: x\r\nIf-Match: `);
    expectSameAnswer(answers, 400);
    for (const cloud of CLOUDS) expect(await statusOf(cloud, answers[cloud].id)).toBe(200);
  });
});

describe('methods', () => {
  it('CONNECT is 405 with Allow', async () => {
    const answers = await onBoth((id) => `CONNECT /api/notes/${id} HTTP/1.1\r\nHost: x`);
    expectSameAnswer(answers, 405);
    for (const cloud of CLOUDS) expect(answers[cloud].headers.allow).toBe('GET, HEAD, PUT, DELETE');
  });

  it('TRACK, which Node does not parse, is 405 with Allow', async () => {
    const answers = await onBoth(() => 'TRACK /api/notes HTTP/1.1\r\nHost: x');
    expectSameAnswer(answers, 405);
    for (const cloud of CLOUDS) expect(answers[cloud].headers.allow).toBe('GET, HEAD, POST');
  });

  it('HEAD carries the Content-Length of the GET answer', async () => {
    for (const cloud of CLOUDS) {
      const id = await createNote(cloud);
      const get = await call(urlOf(cloud), `/api/notes/${id}`);
      const head = await sendOnSocket(portOf[cloud], `HEAD /api/notes/${id} HTTP/1.1\r\nHost: x`);
      expect([cloud, head.status, head.headers['content-length'], head.body]).toEqual([
        cloud,
        200,
        String(Buffer.byteLength(get.text)),
        '',
      ]);
    }
  });
});

describe('refusals before the app', () => {
  it('a body over the front door limit is 413, the same problem as the app gives over 64 KiB', async () => {
    const huge = Buffer.alloc(FRONT_DOOR_MAX_BODY_BYTES + 1, 0x20);
    const answers = await onBoth(
      () => `POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${huge.length}`,
      huge,
    );
    expectSameAnswer(answers, 413);
    const small = await call(local.awsUrl, '/api/notes', {
      method: 'POST',
      body: Buffer.alloc(70 * 1024, 0x20),
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(answers['local-aws'].body)).toEqual(small.json);
  });

  it("Node's own 400 for a malformed request is a problem", async () => {
    const answers = await onBoth(() => 'GET /api/hello HTTP/1.1\r\nHost: x\r\nBad Header Line');
    expectSameAnswer(answers, 400);
  });

  it("an HTTP/1.1 request without Host is 400 (RFC 9112 §3.2), a problem instead of Node's bare 400", async () => {
    const answers = await onBoth(() => 'GET /api/hello HTTP/1.1');
    expectSameAnswer(answers, 400);
  });

  it("Node's 431 for oversized headers is a problem", async () => {
    const answers = await onBoth(() => `GET /api/hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}`);
    expectSameAnswer(answers, 431);
  });

  it('every refusal writes one log line with its reason', async () => {
    const marker = '/api/x';
    const before = lines.length;
    for (const cloud of CLOUDS) {
      await sendOnSocket(portOf[cloud], `TRACE ${marker} HTTP/1.1\r\nHost: x`);
      await sendOnSocket(portOf[cloud], `GET ${marker} HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}`);
      await sendOnSocket(
        portOf[cloud],
        `POST ${marker} HTTP/1.1\r\nHost: x\r\nContent-Length: ${FRONT_DOOR_MAX_BODY_BYTES + 1}`,
        Buffer.alloc(FRONT_DOOR_MAX_BODY_BYTES + 1),
      );
    }
    for (const cloud of CLOUDS) {
      // Request lines only: the publisher and subscriber of earlier tests' writes may log meanwhile.
      const written = lines.slice(before).filter((line) => line.cloud === cloud && 'status' in line);
      expect([cloud, written.map((line) => line.status).sort()]).toEqual([cloud, [405, 413, 431]]);
      for (const line of written) expect(String(line.reason).length).toBeGreaterThan(10);
    }
  });
});

describe('races between writes', () => {
  it('the loser of DELETE vs DELETE gets 404 on both clouds, with or without If-Match', async () => {
    for (const cloud of CLOUDS) {
      for (const ifMatch of [{}, { 'if-match': '"1"' }] as Record<string, string>[]) {
        const id = await createNote(cloud);
        const answers = await Promise.all(
          [1, 2, 3].map(() => call(urlOf(cloud), `/api/notes/${id}`, { method: 'DELETE', headers: ifMatch })),
        );
        expect([cloud, ifMatch, answers.map((a) => a.status).sort()]).toEqual([cloud, ifMatch, [204, 404, 404]]);
      }
    }
  });

  it('a PUT that loses to a DELETE gets 404 on both clouds', async () => {
    for (const cloud of CLOUDS) {
      const statuses = new Set<number>();
      for (let round = 0; round < 4; round++) {
        const id = await createNote(cloud);
        const [put, del] = await Promise.all([
          call(urlOf(cloud), `/api/notes/${id}`, {
            method: 'PUT',
            ...json({ title: 'late', body: '' }, { 'if-match': '"1"' }),
          }),
          call(urlOf(cloud), `/api/notes/${id}`, { method: 'DELETE' }),
        ]);
        expect(del.status).toBe(204);
        statuses.add(put.status);
      }
      expect([cloud, [...statuses].every((s) => s === 200 || s === 404)]).toEqual([cloud, true]);
    }
  });
});
