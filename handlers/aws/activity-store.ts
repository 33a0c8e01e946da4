// ActivityStore on DynamoDB: one partition per owner, one item per `<noteId>/<eventId>` in it
// (contract/aws.ts ACTIVITY_KEYS). The conditional put makes recording idempotent without a read
// first, so two deliveries of one event race safely: exactly one wins. A note's activity is one
// Query with begins_with on the owner's partition.
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ACTIVITY_KEYS, activityRangeKey, activityRangePrefix } from '../../contract/aws';
import { compareActivity } from '../core/activity-order';
import type { Activity, ActivityStore } from '../core/ports';
import type { Item } from './stored-note';
import { toStoreError } from './store-errors';

function activityFromItem(item: Item): Activity {
  const value = unmarshall(item);
  const { eventId, type, noteId, version, time } = value;
  if (
    typeof eventId !== 'string' ||
    typeof type !== 'string' ||
    typeof noteId !== 'string' ||
    typeof version !== 'number' ||
    typeof time !== 'string'
  ) {
    throw new Error(`activity item ${String(eventId)} of note ${String(noteId)} is malformed`);
  }
  return { eventId, type, noteId, version, time };
}

export class DynamoActivityStore implements ActivityStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async record(owner: string, activity: Activity): Promise<boolean> {
    const { eventId, type, noteId, version, time } = activity;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            [ACTIVITY_KEYS.hash]: owner,
            [ACTIVITY_KEYS.range]: activityRangeKey(noteId, eventId),
            eventId,
            type,
            noteId,
            version,
            time,
          }),
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': ACTIVITY_KEYS.range },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false; // already recorded
      throw toStoreError(error, 'the activity table');
    }
  }

  async list(owner: string, noteId: string): Promise<Activity[]> {
    const items: Activity[] = [];
    let start: Item | undefined;
    try {
      // A note has a handful of events, but a Query page stops at 1 MB: follow LastEvaluatedKey.
      do {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#owner = :owner AND begins_with(#key, :note)',
            ExpressionAttributeNames: { '#owner': ACTIVITY_KEYS.hash, '#key': ACTIVITY_KEYS.range },
            ExpressionAttributeValues: { ':owner': { S: owner }, ':note': { S: activityRangePrefix(noteId) } },
            ConsistentRead: true,
            ...(start && { ExclusiveStartKey: start }),
          }),
        );
        items.push(...(out.Items ?? []).map(activityFromItem));
        start = out.LastEvaluatedKey;
      } while (start);
    } catch (error) {
      throw toStoreError(error, 'the activity table');
    }
    // The range key orders by eventId; the port's order is time first.
    return items.sort(compareActivity);
  }
}
