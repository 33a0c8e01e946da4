// Writes deploy/permissions/*.json from program/deployer-permissions.ts:
// `npx tsx program/write-deployer-permissions.ts` after changing what the program creates.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { permissionDocuments, permissionFiles } from './permission-documents';

const root = resolve(__dirname, '..');
const documents = permissionDocuments();
for (const [key, file] of Object.entries(permissionFiles) as [keyof typeof permissionFiles, string][]) {
  mkdirSync(dirname(resolve(root, file)), { recursive: true });
  writeFileSync(resolve(root, file), documents[key]);
  console.log(`wrote ${file}`);
}
