import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpOnInterrupt, trackTempDir } from '../../bench/interrupt';

describe('clean-up on Ctrl-C', () => {
  it('removes the temp dirs still in use, and leaves alone those already released', () => {
    const live = mkdtempSync(join(tmpdir(), 'bench-interrupt-live-'));
    const released = mkdtempSync(join(tmpdir(), 'bench-interrupt-released-'));
    try {
      trackTempDir(live);
      trackTempDir(released)();
      cleanUpOnInterrupt();
      expect(existsSync(live)).toBe(false);
      expect(existsSync(released)).toBe(true);
    } finally {
      rmSync(live, { recursive: true, force: true });
      rmSync(released, { recursive: true, force: true });
    }
  });
});
