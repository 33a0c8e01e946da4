// ActivityStore on Cosmos DB: the activity container, partition key /owner, item id = eventId (unique
// within the owner's partition: it names the note), so a redelivered event is a 409 on create:
// recorded once, whatever Event Grid does. A note's activity is a query on the owner's one partition.
import type { Container, ItemDefinition } from '@azure/cosmos';
import { compareActivity } from '../core/activity-order';
import type { Activity, ActivityStore } from '../core/ports';
import { cosmosStatus, toStoreError } from './store-errors';

function activityFromDocument(doc: ItemDefinition): Activity {
  const { id, type, noteId, version, time } = doc as Record<string, unknown>;
  if (
    typeof id !== 'string' ||
    typeof type !== 'string' ||
    typeof noteId !== 'string' ||
    typeof version !== 'number' ||
    typeof time !== 'string'
  ) {
    throw new TypeError(`document ${String(id)} is not an activity`);
  }
  return { eventId: id, type, noteId, version, time };
}

export class CosmosActivityStore implements ActivityStore {
  constructor(private readonly container: Container) {}

  async record(owner: string, activity: Activity): Promise<boolean> {
    const { eventId, type, noteId, version, time } = activity;
    try {
      await this.container.items.create({ id: eventId, owner, type, noteId, version, time });
      return true;
    } catch (error) {
      if (cosmosStatus(error) === 409) return false;
      throw toStoreError(error, 'the activity container');
    }
  }

  // One logical partition, sorted here: a two-property ORDER BY would need a composite index on
  // the container, and a note's activity is a handful of items.
  async list(owner: string, noteId: string): Promise<Activity[]> {
    try {
      const { resources } = await this.container.items
        .query(
          {
            query: 'SELECT * FROM c WHERE c.owner = @owner AND c.noteId = @noteId',
            parameters: [
              { name: '@owner', value: owner },
              { name: '@noteId', value: noteId },
            ],
          },
          { partitionKey: owner },
        )
        .fetchAll();
      return resources.map(activityFromDocument).sort(compareActivity);
    } catch (error) {
      throw toStoreError(error, 'the activity container');
    }
  }
}
