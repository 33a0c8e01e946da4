// Local mode as the e2e and load tests run it: in memory, on free ports, quiet, quick retries, its data
// folder (the lock and urls file) in a fresh temporary directory that `stop` removes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../local/log';
import { type LocalMode, type LocalOptions, startLocal } from '../../local/start-local';

export interface InMemoryLocal {
  local: LocalMode;
  stop(): Promise<void>;
}

export async function startLocalInMemory(prefix: string, options: Partial<LocalOptions> = {}): Promise<InMemoryLocal> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const local = await startLocal({
      awsPort: 0,
      azurePort: 0,
      inMemory: true,
      dataDir,
      log: silentLogger,
      retry: { maxAttempts: 3, baseDelayMs: 5 },
      ...options,
    });
    return {
      local,
      async stop() {
        await local.stop();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
