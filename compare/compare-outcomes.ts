// Compares what the two clouds did in one step: transport, status, the headers that matter, the body.
import { HEADER_RULES, type HeaderKind, servedByMatches } from './compare-rules';
import { type CompareContext, aliasText, compareValues, show } from './compare-values';
import { locationPath, mediaTypeForm, methodSetForm } from './header-forms';
import type { Cloud, Difference, StepOutcome } from './types';

const LOCATION = /^\/api\/notes\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function headerForm(kind: HeaderKind, value: string, cloud: Cloud, ctx: CompareContext): string {
  switch (kind) {
    case 'exact':
      return value;
    case 'media-type':
      return mediaTypeForm(value);
    case 'method-set':
      return methodSetForm(value);
    case 'note-location': {
      const path = locationPath(value);
      const match = LOCATION.exec(path);
      if (!match) return `${JSON.stringify(value)} (not /api/notes/<uuid>)`;
      return aliasText(path, ctx.aliases[cloud]).replace(match[1]!, '<uuid>');
    }
  }
}

export function compareOutcomes(aws: StepOutcome, azure: StepOutcome, ctx: CompareContext): Difference[] {
  const out: Difference[] = [];
  const differ = (path: string, a: string, b: string) => out.push({ step: ctx.step, path, aws: a, azure: b });

  if (aws.error !== undefined || azure.error !== undefined) {
    // Without two responses nothing else can be compared.
    differ('request', aws.error ?? `answered ${aws.status}`, azure.error ?? `answered ${azure.status}`);
    return out;
  }
  if ((aws.note ?? '') !== (azure.note ?? '')) differ('note', aws.note ?? '(none)', azure.note ?? '(none)');
  if (aws.status !== azure.status) differ('status', String(aws.status), String(azure.status));

  for (const { name, kind } of HEADER_RULES) {
    const a = aws.headers[name];
    const b = azure.headers[name];
    if (a === undefined && b === undefined) continue;
    const formA = a === undefined ? '(absent)' : headerForm(kind, a, 'aws', ctx);
    const formB = b === undefined ? '(absent)' : headerForm(kind, b, 'azure', ctx);
    if (formA !== formB) differ(`header:${name}`, a === undefined ? formA : show(a), b === undefined ? formB : show(b));
  }
  const awsServedBy = aws.headers['x-served-by'];
  const azureServedBy = azure.headers['x-served-by'];
  if (!servedByMatches('aws', awsServedBy) || !servedByMatches('azure', azureServedBy)) {
    differ('header:x-served-by', show(awsServedBy), show(azureServedBy));
  }

  compareValues(aws.body, azure.body, '', ctx, out);
  return out;
}
