// Self-contained AWS entries in a temp directory, so a test can edit one source and rebuild.
// They import only the AWS SDK (external, never resolved) and each other: no node_modules needed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AwsFunctionName } from '../../program/bundle';

const sources: Record<string, string> = {
  'shared.ts': 'export const label = (kind: string): string => `note.${kind}`;\n',
  'api.ts':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { label } from './shared';\n" +
    'export const handler = async () => ({ statusCode: 200, body: label(typeof new DynamoDBClient({})) });\n',
  'publisher.ts':
    "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';\n" +
    'export const handler = async () => ({ batchItemFailures: [], client: typeof new EventBridgeClient({}) });\n',
  'subscriber.ts':
    "import { label } from './shared';\nexport const handler = async (event: { 'detail-type': string }) => label(event['detail-type']);\n",
};

export interface TempAwsEntries {
  entries: Record<AwsFunctionName, string>;
  /** Appends a line to one source file. */
  append(file: string, line: string): void;
  cleanup(): void;
}

export function createTempAwsEntries(): TempAwsEntries {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-entries-'));
  for (const [file, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, file), text);
  return {
    entries: {
      api: path.join(dir, 'api.ts'),
      publisher: path.join(dir, 'publisher.ts'),
      subscriber: path.join(dir, 'subscriber.ts'),
    },
    append: (file, line) => fs.appendFileSync(path.join(dir, file), `${line}\n`),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
