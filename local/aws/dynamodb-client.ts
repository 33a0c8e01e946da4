import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A client for local mode's own bookkeeping (tables, stream images), straight to dynalite. */
export function emulatorClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
