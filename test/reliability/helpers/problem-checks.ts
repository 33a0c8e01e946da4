import type { RawAnswer, RawRequest } from './raw-request';

// The oracle for refused input (docs/ARCHITECTURE.md, "HTTP contract"): a 4xx problem+json whose
// `status` is the HTTP status, with a detail that says what is wrong and nothing of the internals.

const STACK_TRACE = [
  /\n\s+at /, // V8 frames
  /\bat [^\s()]+ \([^)]*:\d+:\d+\)/,
  /node:internal|node_modules/,
  /\.[cm]?[jt]s:\d+:\d+/, // file:line:column
  /\/(?:home|usr|var|tmp|work|opt|srv|app)\/[\w.-]+\//, // an absolute file path
  /[A-Z]:\\[\w.-]+\\/,
  /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|ConditionalCheckFailed|ResourceNotFoundException)\b/, // internals' error names
];

export function describeInput(input: RawRequest): string {
  const body =
    input.body === undefined
      ? ''
      : ` body(${input.body.length} bytes)=${JSON.stringify(input.body.subarray(0, 200).toString('latin1'))}`;
  const headers = JSON.stringify(input.headers ?? {}, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v,
  );
  return `${input.method} ${input.path.length > 300 ? `${input.path.slice(0, 300)}…(${input.path.length})` : input.path} headers=${headers}${body}`;
}

/** Every way `answer` breaks the oracle; empty when it is a proper refusal. */
export function problemViolations(method: string, answer: RawAnswer, servedBy: string): string[] {
  const found: string[] = [];
  if (answer.headers['x-served-by'] !== servedBy) found.push(`x-served-by is ${String(answer.headers['x-served-by'])}`);
  if (answer.status < 400 || answer.status > 499) found.push(`status ${answer.status} is not 4xx`);
  if (!String(answer.headers['content-type'] ?? '').startsWith('application/problem+json')) {
    found.push(`content-type is ${String(answer.headers['content-type'])}`);
  }
  for (const pattern of STACK_TRACE)
    if (pattern.test(answer.text)) found.push(`body looks like a stack trace (${pattern})`);
  if (method === 'HEAD') return found; // no body to read
  let problem: unknown;
  try {
    problem = JSON.parse(answer.text);
  } catch {
    return [...found, `body is not JSON: ${JSON.stringify(answer.text.slice(0, 200))}`];
  }
  const { status, detail, title, type } = (problem ?? {}) as Record<string, unknown>;
  if (status !== answer.status) found.push(`problem status ${String(status)} differs from HTTP ${answer.status}`);
  if (typeof detail !== 'string' || detail.trim().length < 10)
    found.push(`detail is not a clear sentence: ${JSON.stringify(detail)}`);
  if (typeof title !== 'string' || title === '') found.push('title is missing');
  if (type !== 'about:blank') found.push(`type is ${JSON.stringify(type)}`);
  return found;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

const CURSOR = /"nextCursor":"[^"]*"/g;

/** The seeded notes have different ids (and times, and so cursors) on each cloud; everything else must be the same. */
export function comparable(answer: RawAnswer): string {
  return `${answer.status} ${answer.text.replace(UUID, '<id>').replace(ISO_TIME, '<time>').replace(CURSOR, '"nextCursor":"<cursor>"')}`;
}

const problemsOf = (
  input: RawRequest,
  aws: RawAnswer,
  azure: RawAnswer,
  check: (method: string, answer: RawAnswer, servedBy: string) => string[],
) => [
  ...check(input.method, aws, 'local-aws').map((p) => `local-aws: ${p}`),
  ...check(input.method, azure, 'local-azure').map((p) => `local-azure: ${p}`),
];

/** A success marked by its cloud, with the Content-Length of its body (HEAD: of the GET body it stands for). */
function successViolations(method: string, answer: RawAnswer, servedBy: string): string[] {
  const found: string[] = [];
  if (answer.headers['x-served-by'] !== servedBy) found.push(`x-served-by is ${String(answer.headers['x-served-by'])}`);
  if (answer.status !== 204 && answer.headers['content-length'] === undefined) found.push('no Content-Length');
  if (
    method !== 'HEAD' &&
    answer.status !== 204 &&
    Number(answer.headers['content-length']) !== Buffer.byteLength(answer.text)
  )
    found.push('Content-Length is not the body length');
  return found;
}

/** Fails with the input and both answers unless both clouds give the same answer, each proper of its kind. */
export function expectSameAnswer(input: RawRequest, answers: [RawAnswer, RawAnswer]): void {
  const [aws, azure] = answers;
  const refused = aws.status >= 400 || azure.status >= 400;
  const problems = problemsOf(input, aws, azure, refused ? problemViolations : successViolations);
  if (comparable(aws) !== comparable(azure)) problems.push('the clouds answer differently');
  // A HEAD answer has no body to compare: its length stands for it (a cursor's length differs by nature, so only here).
  if (input.method === 'HEAD' && aws.headers['content-length'] !== azure.headers['content-length'])
    problems.push('the Content-Lengths differ');
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('; ')}\n  input: ${describeInput(input)}\n  local-aws:   ${aws.status} ${aws.text.slice(0, 300)}\n  local-azure: ${azure.status} ${azure.text.slice(0, 300)}`,
    );
  }
}

/** Fails with the input and both answers when either cloud breaks the oracle or they disagree. */
export function expectSameRefusal(input: RawRequest, answers: [RawAnswer, RawAnswer]): void {
  const [aws, azure] = answers;
  const problems = problemsOf(input, aws, azure, problemViolations);
  if (comparable(aws) !== comparable(azure)) problems.push('the clouds answer differently');
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('; ')}\n  input: ${describeInput(input)}\n  local-aws:   ${aws.status} ${aws.text.slice(0, 300)}\n  local-azure: ${azure.status} ${azure.text.slice(0, 300)}`,
    );
  }
}
