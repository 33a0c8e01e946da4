// Fixed key order for response bodies: stores may return fields in any order, yet the same
// note must serialise to the same bytes on every cloud (the compare tool diffs bodies).
import type { Activity, Note } from './ports';

/** GET /api/health's body when the store answers. */
export const HEALTHY = { status: 'ok' } as const;

export const presentNote = (n: Note): Note => ({
  id: n.id,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
  version: n.version,
});

export const presentActivity = (a: Activity): Activity => ({
  eventId: a.eventId,
  type: a.type,
  noteId: a.noteId,
  version: a.version,
  time: a.time,
});
