// Note ids are UUIDv7 (RFC 9562): the 48-bit millisecond timestamp up front makes id order creation
// order, which is the list order on every store. Node 20 has no built-in v7 generator.
import { randomFillSync } from 'node:crypto';

const NOTE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lower-case UUID (the form this API issues); anything else cannot name a note. */
export function isNoteId(s: unknown): s is string {
  return typeof s === 'string' && NOTE_ID.test(s);
}

// Monotonic within one process (RFC 9562 §6.2, method 1): ids made in the same millisecond use a
// 12-bit counter in rand_a, so two notes created back to back still list in creation order.
let lastMs = -1;
let counter = 0;

/** A new lower-case UUIDv7. `nowMs` is injectable for tests. */
export function newNoteId(nowMs: number = Date.now()): string {
  const random = new Uint8Array(10);
  randomFillSync(random);
  let ms = nowMs;
  if (ms > lastMs) {
    // Start the counter in its lower half so thousands of same-millisecond ids fit before a carry.
    counter = ((random[0]! << 8) | random[1]!) & 0x7ff;
  } else {
    ms = lastMs; // the clock went back or stood still: never issue a smaller id
    counter += 1;
    if (counter > 0xfff) {
      ms += 1; // counter exhausted: borrow the next millisecond (allowed by RFC 9562 §6.2)
      counter = 0;
    }
  }
  lastMs = ms;

  const bytes = new Uint8Array(16);
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | (counter >> 8); // version 7
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (random[2]! & 0x3f); // variant 10
  bytes.set(random.subarray(3, 10), 9);

  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
