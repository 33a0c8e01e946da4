// Walks two JSON bodies side by side and names every difference by its path, applying compare-rules.
import { isNoteId } from '../handlers/core/ids';
import { isIsoUtcMillis } from '../handlers/core/response-schemas';
import { type ValueKind, ruleFor } from './compare-rules';
import type { Cloud, Difference } from './types';

const EVENT_ID = /^([0-9a-f-]{36})\.v(\d+)\.(created|updated|deleted)$/;
const ANY_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Per cloud: the ids this run created, mapped to their role ("note-1"). */
export type Aliases = Record<Cloud, ReadonlyMap<string, string>>;

export interface CompareContext {
  step: string;
  aliases: Aliases;
}

/** A value as a difference shows it: JSON, shortened; "(absent)" for a missing key. */
export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Ids this run created become <role>; so "Note <id> does not exist." reads the same on both clouds. */
export function aliasText(text: string, aliases: ReadonlyMap<string, string>): string {
  return text.replace(ANY_UUID, (id) => (aliases.has(id) ? `<${aliases.get(id)}>` : id));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The comparable form of a value under a rule, or an explanation of why it breaks the rule. */
function normalise(
  kind: ValueKind,
  value: unknown,
  aliases: ReadonlyMap<string, string>,
): { ok: boolean; form: string } {
  const bad = (what: string) => ({ ok: false, form: `${show(value)} (not ${what})` });
  switch (kind) {
    case 'json-type':
      return { ok: true, form: jsonType(value) };
    case 'opaque':
      return typeof value === 'string' && value !== '' ? { ok: true, form: '<opaque>' } : bad('a non-empty string');
    case 'iso-time':
      return isIsoUtcMillis(value) ? { ok: true, form: '<time>' } : bad('an ISO time with milliseconds');
    case 'any-uuid':
      return isNoteId(value) ? { ok: true, form: '<uuid>' } : bad('a lower-case UUID');
    case 'uuid':
      if (!isNoteId(value)) return bad('a lower-case UUID');
      return { ok: true, form: aliases.has(value) ? `<${aliases.get(value)}>` : '<uuid>' };
    case 'event-id': {
      const match = typeof value === 'string' ? EVENT_ID.exec(value) : null;
      if (!match || !isNoteId(match[1])) return bad('<noteId>.v<version>.<kind>');
      const note = aliases.has(match[1]!) ? `<${aliases.get(match[1]!)}>` : '<uuid>';
      return { ok: true, form: `${note}.v${match[2]}.${match[3]}` };
    }
  }
}

/** Appends to `out` every difference between the two bodies, below `path`. */
export function compareValues(
  aws: unknown,
  azure: unknown,
  path: string,
  ctx: CompareContext,
  out: Difference[],
): void {
  const differ = (a: string, b: string) => out.push({ step: ctx.step, path: path || '(body)', aws: a, azure: b });
  const rule = path ? ruleFor(ctx.step, path) : undefined;
  if (rule && aws !== undefined && azure !== undefined) {
    const a = normalise(rule.kind, aws, ctx.aliases.aws);
    const b = normalise(rule.kind, azure, ctx.aliases.azure);
    if (!a.ok || !b.ok || a.form !== b.form) differ(a.ok ? show(aws) : a.form, b.ok ? show(azure) : b.form);
    return;
  }
  if (Array.isArray(aws) && Array.isArray(azure)) {
    if (aws.length !== azure.length) differ(`${aws.length} items`, `${azure.length} items`);
    const common = Math.min(aws.length, azure.length);
    for (let i = 0; i < common; i++) compareValues(aws[i], azure[i], `${path}[${i}]`, ctx, out);
    return;
  }
  if (jsonType(aws) === 'object' && jsonType(azure) === 'object') {
    const a = aws as Record<string, unknown>;
    const b = azure as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) compareValues(a[key], b[key], path ? `${path}.${key}` : key, ctx, out);
    return;
  }
  const a = typeof aws === 'string' ? aliasText(aws, ctx.aliases.aws) : aws;
  const b = typeof azure === 'string' ? aliasText(azure, ctx.aliases.azure) : azure;
  if (jsonType(a) !== jsonType(b) || JSON.stringify(a) !== JSON.stringify(b)) differ(show(a), show(b));
}
