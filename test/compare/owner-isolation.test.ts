// compare's two-user steps over real HTTP with real tokens (issue #19): servers that keep owners apart
// pass; negative controls that let one user reach another's notes, or let a request in without a valid
// token, fail the run (exit 1) naming step, cloud and rule; a missing second token stops it (exit 2)
// before anything is written.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { runCli } from '../../compare/cli';
import { SCENARIO } from '../../compare/scenario';
import type { CompareReport } from '../../compare/types';
import type { Authenticator } from '../../handlers/core/auth/authenticator';
import { ownerOf } from '../../handlers/core/auth/owner';
import { capturedIo } from './captured-io';
import { startPair } from './core-server';
import { type SignedInOptions, type TokenEnv, startSignedInPair } from './sign-in-servers';

const QUICK = ['--json', '--skip-latency', '--event-timeout', '1500'];

async function compareSignedIn(
  azure: SignedInOptions,
  env: (tokens: TokenEnv) => Record<string, string> = (tokens) => tokens,
) {
  const pair = await startSignedInPair(azure);
  try {
    const io = capturedIo(__dirname);
    io.env = { PATH: '', ...env(pair.tokens) };
    const code = await runCli(['--aws', pair.aws.url, '--azure', pair.azure.url, ...QUICK], io);
    const writes = [...pair.aws.seen, ...pair.azure.seen].filter((line) => !line.startsWith('GET '));
    return { code, io, writes, report: code === 2 ? undefined : (JSON.parse(io.out()) as CompareReport) };
  } finally {
    await pair.close();
  }
}

const violationsOf = (report: CompareReport | undefined) =>
  report!.violations.map((v) => `${v.step} ${v.cloud} ${v.rule}`);

test('owners kept apart on both clouds: every two-user step runs and meets the contract (exit 0)', async () => {
  const { code, report, io } = await compareSignedIn({});
  expect(io.err()).toBe('');
  expect(report!.violations).toEqual([]);
  expect(report!.differences).toEqual([]);
  expect(report!.signIn.on).toBe(true);
  expect(report!.steps.find((s) => s.step === 'b-list')!.aws.body).toEqual({ othersNotesListed: [] });
  expect(code).toBe(0);
});

test("negative control: azure treats every signed-in caller as one owner → exit 1, B reaches A's notes there", async () => {
  const oneOwner = (real: Authenticator): Authenticator => ({
    ownerOf: async (header) => {
      await real.ownerOf(header); // a real check of the token, then its owner ignored
      return 'everyone';
    },
  });
  const { code, report } = await compareSignedIn({ breakAuth: oneOwner });
  const broken = violationsOf(report);
  for (const step of ['b-get-a-note', 'b-put-a-note', 'b-delete-a-note', 'b-activity-a-note', 'a-get-b-note'])
    expect(broken).toContain(`${step} azure status`);
  expect(broken).toContain('b-list azure body.othersNotesListed');
  expect(report!.violations.find((v) => v.step === 'b-list')).toMatchObject({
    expected: "none of the other user's notes",
    found: '["note-1","note-2","note-3"]',
  });
  expect(broken.filter((line) => line.includes(' aws '))).toEqual([]);
  expect(report!.verdict.at(-1)).toMatch(/^FAILED: aws meets the contract, azure breaks it \d+ time\(s\)/);
  expect(code).toBe(1);
});

test('negative control: azure lets a request without a token in (as one anonymous owner) → exit 1 naming the 401 step', async () => {
  const noTokenWelcome = (real: Authenticator): Authenticator => ({
    ownerOf: (header) => (header === undefined ? Promise.resolve('anonymous') : real.ownerOf(header)),
  });
  const { code, report } = await compareSignedIn({ breakAuth: noTokenWelcome });
  expect(report!.violations.filter((v) => v.step === 'no-token')).toEqual([
    { step: 'no-token', cloud: 'azure', rule: 'status', expected: '401', found: '200' },
  ]);
  expect(violationsOf(report).filter((line) => line.includes(' aws '))).toEqual([]);
  expect(code).toBe(1);
});

test('negative control: azure reads the token without checking its signature → exit 1 naming the forged-token step', async () => {
  const unverified = (real: Authenticator): Authenticator => ({
    ownerOf: async (header) => {
      try {
        return await real.ownerOf(header);
      } catch (error) {
        if (header === undefined) throw error;
        const { iss, sub } = decodeJwt(header.replace(/^Bearer /, ''));
        return ownerOf(iss!, sub!);
      }
    },
  });
  const { code, report } = await compareSignedIn({ breakAuth: unverified });
  const broken = violationsOf(report);
  expect(broken).toContain('forged-token azure status');
  // The forged PUT went through: A's note changed behind A's back.
  expect(broken).toContain('a-note-unchanged azure header:etag');
  expect(broken.filter((line) => line.includes(' aws '))).toEqual([]);
  expect(code).toBe(1);
});

test('sign-in on, COMPARE_TOKEN_B missing, URLs from flags → exit 2 naming the variable, nothing written', async () => {
  const { code, io, writes } = await compareSignedIn({}, (tokens) => ({ COMPARE_TOKEN: tokens.COMPARE_TOKEN }));
  expect(io.err()).toBe(
    "compare: sign-in: aws and azure answer 401 without a token: set COMPARE_TOKEN_B (user B) to a token the stack's issuer signed for its audience, " +
      "COMPARE_TOKEN and COMPARE_TOKEN_B for two different users (compare checks that neither sees the other's notes). Nothing was written.\n",
  );
  expect(writes).toEqual([]);
  expect(code).toBe(2);
});

test('both tokens missing → exit 2 naming both variables; the same user twice → exit 2 too; nothing written', async () => {
  const none = await compareSignedIn({}, () => ({}));
  expect(none.io.err()).toContain('set COMPARE_TOKEN (user A) and COMPARE_TOKEN_B (user B)');
  expect([none.code, none.writes]).toEqual([2, []]);
  const twice = await compareSignedIn({}, (tokens) => ({
    COMPARE_TOKEN: tokens.COMPARE_TOKEN,
    COMPARE_TOKEN_B: tokens.COMPARE_TOKEN,
  }));
  expect(twice.io.err()).toBe(
    'compare: sign-in: COMPARE_TOKEN and COMPARE_TOKEN_B are tokens of the same user: give two different users. Nothing was written.\n',
  );
  expect([twice.code, twice.writes]).toEqual([2, []]);
});

test('sign-in off: the table, --json and the HTML report show the two-user steps as not applicable, never as met', async () => {
  const pair = await startPair();
  const dir = mkdtempSync(join(tmpdir(), 'compare-owners-'));
  try {
    const report = join(dir, 'report.html');
    const text = capturedIo(__dirname);
    expect(
      await runCli(['--aws', pair.aws.url, '--azure', pair.azure.url, '--skip-latency', '--report', report], text),
    ).toBe(0);
    const skipped = SCENARIO.filter((s) => s.needsSignIn).length;
    const noToken = text
      .out()
      .split('\n')
      .find((row) => row.includes(' no-token '))!;
    expect(
      noToken
        .split('│')
        .map((cell) => cell.trim())
        .filter(Boolean),
    ).toEqual(['no-token', ...Array(7).fill('n/a')]);
    expect(text.out()).toContain(
      `Sign-in is off (GET /api/notes?limit=1 without a token answered aws 200, azure 200): ${skipped} steps (n/a) are not applicable: sign-in is off.`,
    );
    expect(text.out()).toContain(`owner isolation NOT CHECKED: ${skipped} steps not applicable: sign-in is off`);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain(
      '<tr class="not-applicable"><td>b-get-a-note</td><td>GET A&#39;s note-1 as B → 404</td><td colspan="7">not applicable: sign-in is off</td></tr>',
    );

    const json = capturedIo(__dirname);
    expect(await runCli(['--aws', pair.aws.url, '--azure', pair.azure.url, '--skip-latency', '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.out()) as CompareReport;
    expect(parsed.steps.find((s) => s.step === 'b-get-a-note')).toMatchObject({
      notApplicable: 'not applicable: sign-in is off',
      contract: { aws: [], azure: [] },
    });
    expect(parsed.signIn.on).toBe(false);
  } finally {
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
