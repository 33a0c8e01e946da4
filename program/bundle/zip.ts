// A deterministic zip: same bundle, same bytes, whatever the clock, time zone or insertion order.
import { zipSync, type Zippable } from 'fflate';
import { sortedNames, type Bundle } from './content-hash';

export function zipBundle(bundle: Bundle): Buffer {
  // fflate writes DOS times from the Date's *local* fields, so the date is built from local fields
  // too, at call time: every time zone then encodes 1980-01-01 12:00 (noon dodges DST gaps).
  const mtime = new Date(1980, 0, 1, 12, 0, 0);
  const entries: Zippable = {};
  for (const name of sortedNames(bundle.files)) {
    // Regular file, rw-r--r--: the same on every machine, readable by the function host.
    entries[name] = [new Uint8Array(bundle.files[name]), { level: 6, mtime, os: 3, attrs: 0o100644 * 0x10000 }];
  }
  return Buffer.from(zipSync(entries));
}
