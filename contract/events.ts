// The events every committed note change is published as (docs/ARCHITECTURE.md "Events").

/** CloudEvents `source` of every note event, on both clouds. */
export const NOTE_EVENT_SOURCE = '/serverless-aws-azure/notes';

export const NOTE_CHANGE_KINDS = ['created', 'updated', 'deleted'] as const;
export type NoteChangeKind = (typeof NOTE_CHANGE_KINDS)[number];

export type NoteEventType = `com.example.note.${NoteChangeKind}`;

/** CloudEvents `type` of a change of this kind. */
export const noteEventType = (kind: NoteChangeKind): NoteEventType => `com.example.note.${kind}`;

/** Every event type, in change order: what the subscriptions route and compare expects. */
export const NOTE_EVENT_TYPES: readonly NoteEventType[] = NOTE_CHANGE_KINDS.map(noteEventType);

/**
 * The CloudEvents extension attribute that carries the note's owner, so the subscriber records the
 * activity under it. CloudEvents 1.0 attribute names are lower-case letters and digits only.
 */
export const NOTE_EVENT_OWNER_ATTRIBUTE = 'owner';
