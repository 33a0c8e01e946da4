// Judges one cloud's outcome of one step against what the contract expects, on its own: a cloud that
// breaks the contract fails the run even when the other cloud breaks it the same way.
import * as v from 'valibot';
import { RETRY_SOON } from '../handlers/core/problem';
import { servedByValues } from '../contract/served-by';
import { servedByMatches } from './compare-rules';
import { show } from './compare-values';
import type { Expectation } from './expectation';
import { locationPath, mediaTypeForm, methodSetForm } from './header-forms';
import type { Cloud, StepOutcome, Violation } from './types';

/** Enough to see what is wrong with a body without burying the rest of the run. */
const MAX_BODY_ISSUES = 5;

export function judge(step: string, cloud: Cloud, outcome: StepOutcome, expected: Expectation): Violation[] {
  const out: Violation[] = [];
  const broke = (rule: string, want: string, found: string) => out.push({ step, cloud, rule, expected: want, found });

  if (outcome.status === undefined) {
    broke('answer', `an answer with status ${expected.status}`, outcome.error ?? 'no answer');
    return out;
  }
  const servedBy = outcome.headers['x-served-by'];
  if (!servedByMatches(cloud, servedBy))
    broke('header:x-served-by', servedByValues(cloud).join(' or '), show(servedBy));
  if (outcome.note !== undefined) broke('complete', 'the step to finish', outcome.note);
  if (outcome.status !== expected.status) {
    // Headers and body of an answer with the wrong status would only repeat that one fault.
    broke('status', String(expected.status), String(outcome.status));
    return out;
  }

  const header = (name: string) => outcome.headers[name];
  const contentType = header('content-type');
  if (expected.mediaType === undefined) {
    if (outcome.body !== undefined) broke('body', 'no body', show(outcome.body));
  } else if (contentType === undefined || mediaTypeForm(contentType) !== expected.mediaType) {
    broke('header:content-type', expected.mediaType, show(contentType));
  }
  if (expected.etag !== undefined && header('etag') !== expected.etag)
    broke('header:etag', expected.etag, show(header('etag')));
  if (expected.location !== undefined) {
    const location = header('location');
    if (location === undefined || locationPath(location) !== expected.location)
      broke('header:location', expected.location, show(location));
  }
  if (expected.allow !== undefined) {
    const want = methodSetForm(expected.allow.join(','));
    const allow = header('allow');
    if (allow === undefined || methodSetForm(allow) !== want) broke('header:allow', want, show(allow));
  }
  if (expected.challenge !== undefined && !expected.challenge.test(header('www-authenticate') ?? '')) {
    broke('header:www-authenticate', String(expected.challenge), show(header('www-authenticate')));
  }
  if (outcome.status === 503 && header('retry-after') !== RETRY_SOON['retry-after']) {
    broke('header:retry-after', RETRY_SOON['retry-after'], show(header('retry-after')));
  }
  if (expected.body !== undefined) {
    const result = v.safeParse(expected.body, outcome.body, { abortEarly: false });
    for (const issue of result.issues?.slice(0, MAX_BODY_ISSUES) ?? []) {
      const path = v.getDotPath(issue);
      const rule = path ? `body.${path}` : 'body';
      // Object schemas report a key they do not name as "expected never, received <key>", and a
      // missing one as "expected <key>, received undefined": say it plainly.
      const objectKey = issue.kind === 'schema' && /object$/.test(issue.type);
      if (objectKey && issue.expected === 'never') broke(rule, 'no such key', show(issue.path?.at(-1)?.value));
      else if (objectKey && issue.input === undefined) broke(rule, 'a value', '(absent)');
      else broke(rule, issue.expected ?? issue.message, issue.expected === null ? show(issue.input) : issue.received);
    }
  }
  return out;
}
