// The explicit rules for what may differ between two clouds that behave the same. Anything not named
// here must match exactly (after the ids this run created are replaced by their role, e.g. <note-1>).
// The requests a platform answers differently before the app runs (docs/ARCHITECTURE.md, "Odd
// requests": "%2F" in the route prefix, a body over 10 MiB, a path outside /api) are not in the
// scenario, so no rule here admits them.
import { servedByValues } from '../contract/served-by';
import type { Cloud } from './types';

export type ValueKind =
  /** A lower-case UUID on both sides; when either is an id this run created, both must be the same note. */
  | 'uuid'
  /** A lower-case UUID on both sides, whatever it names (lists may hold notes of other runs). */
  | 'any-uuid'
  /** ISO 8601 UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z. */
  | 'iso-time'
  /** A non-empty string only its issuer can read (page cursors). */
  | 'opaque'
  /** <noteId>.v<version>.<kind>: the note compared as a uuid, the rest exactly. */
  | 'event-id'
  /** The same JSON type on both sides. */
  | 'json-type';

export interface BodyRule {
  /** A path in the body: `items[*].id` matches every item's id. */
  path: string;
  kind: ValueKind;
  /** Only in these steps; the first matching rule wins, so step rules come first. */
  steps?: readonly string[];
  why: string;
}

// The first page of the list may show notes of earlier or concurrent runs on a shared deployment, so only
// its shape is compared there; the step that follows the cursor checks this run's notes exactly.
const LIST_PAGE_STEPS = ['list-first-page'] as const;

export const BODY_RULES: readonly BodyRule[] = [
  { steps: LIST_PAGE_STEPS, path: 'items[*].id', kind: 'any-uuid', why: 'other notes may be listed' },
  { steps: LIST_PAGE_STEPS, path: 'items[*].title', kind: 'json-type', why: 'other notes may be listed' },
  { steps: LIST_PAGE_STEPS, path: 'items[*].body', kind: 'json-type', why: 'other notes may be listed' },
  { steps: LIST_PAGE_STEPS, path: 'items[*].version', kind: 'json-type', why: 'other notes may be listed' },
  { path: 'id', kind: 'uuid', why: 'each cloud mints its own UUIDv7' },
  { path: 'createdAt', kind: 'iso-time', why: 'clock of each cloud' },
  { path: 'updatedAt', kind: 'iso-time', why: 'clock of each cloud' },
  { path: 'nextCursor', kind: 'opaque', why: 'store-specific (DynamoDB key vs Cosmos continuation)' },
  { path: 'items[*].id', kind: 'uuid', why: 'each cloud mints its own UUIDv7' },
  { path: 'items[*].createdAt', kind: 'iso-time', why: 'clock of each cloud' },
  { path: 'items[*].updatedAt', kind: 'iso-time', why: 'clock of each cloud' },
  { path: 'items[*].eventId', kind: 'event-id', why: 'derived from the note id' },
  { path: 'items[*].noteId', kind: 'uuid', why: 'each cloud mints its own UUIDv7' },
  { path: 'items[*].time', kind: 'iso-time', why: 'clock of each cloud' },
];

export type HeaderKind =
  /** Media type and parameters, case- and space-insensitively; charset=utf-8 on a JSON type is dropped
   *  (JSON is always UTF-8, RFC 8259 §8.1, and some front doors add it). */
  | 'media-type'
  | 'exact'
  /** /api/notes/<uuid>, the uuid compared like a body `uuid`. */
  | 'note-location'
  /** A comma-separated method list, compared as a set. */
  | 'method-set';

/** The response headers that matter; others (date, content-length, platform headers) are ignored. */
export const HEADER_RULES: ReadonlyArray<{ name: string; kind: HeaderKind }> = [
  { name: 'content-type', kind: 'media-type' },
  { name: 'location', kind: 'note-location' },
  { name: 'etag', kind: 'exact' },
  { name: 'allow', kind: 'method-set' },
  { name: 'retry-after', kind: 'exact' },
  { name: 'www-authenticate', kind: 'exact' },
];

/** x-served-by must name the cloud each URL is meant to be (servedByValues): catches the same URL passed twice. */
export const servedByMatches = (cloud: Cloud, value: string | undefined): boolean =>
  (servedByValues(cloud) as readonly string[]).includes(value ?? '');

/** The rule for a body path (`items[3].id` is looked up as `items[*].id`), if any. */
export function ruleFor(step: string, path: string): BodyRule | undefined {
  const pattern = path.replace(/\[\d+\]/g, '[*]');
  return BODY_RULES.find((rule) => rule.path === pattern && (!rule.steps || rule.steps.includes(step)));
}
