import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, AttributeValue as StreamAttributeValue } from 'aws-lambda';

export type Image = Record<string, AttributeValue>;

export interface StreamSource {
  table: string;
  keyAttributes: string[];
  region: string;
  /** Stream label, as in the stream ARN; fixed for the lifetime of the table. */
  label: string;
}

let lastSequence = 0n;

/** Increasing across restarts too: time-based, bumped when two writes share a microsecond. */
function nextSequenceNumber(): string {
  const candidate = BigInt(Date.now()) * 1_000_000n;
  lastSequence = candidate > lastSequence ? candidate : lastSequence + 1n;
  return lastSequence.toString().padStart(21, '0');
}

/**
 * The record DynamoDB Streams (NEW_AND_OLD_IMAGES) writes for a change from `oldImage` to `newImage`,
 * or undefined when nothing changed (DynamoDB writes no record for a write that changes no data).
 */
export function streamRecord(
  source: StreamSource,
  oldImage: Image | undefined,
  newImage: Image | undefined,
  now = new Date(),
): DynamoDBRecord | undefined {
  if (oldImage === undefined && newImage === undefined) return undefined;
  if (isDeepStrictEqual(oldImage, newImage)) return undefined;
  const eventName = oldImage === undefined ? 'INSERT' : newImage === undefined ? 'REMOVE' : 'MODIFY';
  const anyImage = (newImage ?? oldImage)!;
  const keys = Object.fromEntries(source.keyAttributes.map((name) => [name, anyImage[name]]));
  // The SDK's AttributeValue and aws-lambda's stream AttributeValue describe the same JSON.
  const asStream = (image: Image) => image as unknown as Record<string, StreamAttributeValue>;
  return {
    eventID: randomBytes(16).toString('hex'),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(now.getTime() / 1000),
      Keys: asStream(keys),
      ...(newImage ? { NewImage: asStream(newImage) } : {}),
      ...(oldImage ? { OldImage: asStream(oldImage) } : {}),
      SequenceNumber: nextSequenceNumber(),
      SizeBytes: Buffer.byteLength(JSON.stringify({ keys, newImage, oldImage })),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:${source.region}:000000000000:table/${source.table}/stream/${source.label}`,
  };
}
