// The IAM actions of each function are the AWS calls its bundled sources make: adding an SDK command
// to a handler without granting it (or keeping a grant nobody calls) fails here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAwsBundles, repoRoot, type AwsFunctionName } from '../../program/bundle';
import { apiStatements, publisherStatements, subscriberStatements, type PolicyStatement } from '../../aws/identity';

const servicePrefix: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-eventbridge': 'events',
};

// lib-dynamodb's document commands drop the "Item" of the action they call.
const documentCommandAction: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Delete: 'DeleteItem',
  Update: 'UpdateItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** `service:Action` for every `new XCommand(` whose X is imported from an SDK client in the file. */
function callsIn(source: string, bundled: string): string[] {
  const importedFrom = new Map<string, string>();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
    for (const raw of match[1].split(',')) {
      const name = raw.trim();
      if (name && !name.startsWith('type ')) importedFrom.set(name, match[2]);
    }
  }
  const calls: string[] = [];
  for (const match of source.matchAll(/new\s+(\w+)Command\s*\(/g)) {
    const module = importedFrom.get(`${match[1]}Command`);
    if (!module || !servicePrefix[module]) continue;
    // The SDK is external, so a command the bundle kept is named in it; a module whose store the
    // function never uses is listed in the source map but tree-shaken out of the code.
    if (!bundled.includes(`${match[1]}Command`)) continue;
    const action = module === '@aws-sdk/lib-dynamodb' ? (documentCommandAction[match[1]] ?? match[1]) : match[1];
    calls.push(`${servicePrefix[module]}:${action}`);
  }
  return calls;
}

function callsOf(name: AwsFunctionName): string[] {
  const bundle = buildAwsBundles()[name];
  const { sources } = JSON.parse(bundle.files['index.js.map'].toString('utf8')) as { sources: string[] };
  // Map paths are relative to the virtual output folder one level below the repository root.
  const own = sources.filter((s) => s.startsWith('../handlers/'));
  const code = bundle.files['index.js'].toString('utf8');
  const calls = own.flatMap((s) => callsIn(fs.readFileSync(path.join(repoRoot, s.slice(3)), 'utf8'), code));
  return [...new Set(calls)].sort();
}

// Actions Lambda itself performs with the role (stream polling, failure destinations, logs).
const serviceSide = /^(dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)|sqs:SendMessage|logs:)/;
const granted = (statements: PolicyStatement[]) =>
  [...new Set(statements.flatMap((s) => s.Action).filter((a) => !serviceSide.test(a)))].sort();

// Bundled (a class keeps all its methods) but never called by that function, so deliberately not granted.
const bundledButNotCalled: Partial<Record<AwsFunctionName, string[]>> = {
  // DynamoActivityStore.list: only the api lists activity; the subscriber only records.
  subscriber: ['dynamodb:Query'],
};

describe('IAM matches the handlers', () => {
  it.each<[AwsFunctionName, PolicyStatement[]]>([
    ['api', apiStatements({ notesTableArn: 'n', activityTableArn: 'a', logGroupArn: 'l' })],
    ['publisher', publisherStatements({ notesStreamArn: 's', busArn: 'b', failureQueueArn: 'q', logGroupArn: 'l' })],
    ['subscriber', subscriberStatements({ activityTableArn: 'a', failureQueueArn: 'q', logGroupArn: 'l' })],
  ])('%s is granted exactly the calls its code makes', (name, statements) => {
    const notCalled = bundledButNotCalled[name] ?? [];
    for (const action of notCalled) expect(callsOf(name)).toContain(action);
    const calls = callsOf(name).filter((call) => !notCalled.includes(call));
    expect(calls.length).toBeGreaterThan(0);
    expect(granted(statements)).toEqual(calls);
  });

  it('recognises SDK calls and ignores type-only imports', () => {
    const source = [
      "import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { PutEventsCommand } from '@aws-sdk/client-eventbridge';",
      "import { UpdateCommand } from '@aws-sdk/lib-dynamodb';",
      'new GetItemCommand({}); new PutEventsCommand({}); new UpdateCommand({}); new LocalCommand();',
    ].join('\n');
    const everything = 'GetItemCommand PutEventsCommand UpdateCommand';
    expect(callsIn(source, everything)).toEqual(['dynamodb:GetItem', 'events:PutEvents', 'dynamodb:UpdateItem']);
  });

  it('counts only the calls whose command the bundle kept', () => {
    const source =
      "import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';\nnew GetItemCommand({}); new PutItemCommand({});";
    expect(callsIn(source, 'x.PutItemCommand')).toEqual(['dynamodb:PutItem']);
  });
});
