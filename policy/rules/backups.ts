// Promise: every document store can be restored to any second of the recent past.
import { recordAt, shown } from './props';
import type { ResourceRule } from './types';

export const dynamodbPointInTimeRecovery: ResourceRule = {
  name: 'dynamodb-point-in-time-recovery',
  description: 'DynamoDB tables keep continuous backups (pointInTimeRecovery.enabled: true).',
  resourceTypes: ['aws:dynamodb/table:Table'],
  check({ props }) {
    const pitr = recordAt(props, 'pointInTimeRecovery');
    if (pitr.enabled === true) return [];
    return [
      `DynamoDB table must set pointInTimeRecovery.enabled: true to be restorable to any second of the last 35 days (got ${shown(pitr.enabled)})`,
    ];
  },
};

export const cosmosContinuousBackup: ResourceRule = {
  name: 'cosmos-continuous-backup',
  description: 'Cosmos DB accounts use continuous backup (backupPolicy.type: "Continuous"), for point-in-time restore.',
  resourceTypes: ['azure-native:cosmosdb:DatabaseAccount'],
  check({ props }) {
    const type = recordAt(props, 'backupPolicy').type;
    if (type === 'Continuous') return [];
    return [
      `Cosmos DB account must set backupPolicy.type: "Continuous" for point-in-time restore (got ${shown(type)})`,
    ];
  },
};

export const backupRules: ResourceRule[] = [dynamodbPointInTimeRecovery, cosmosContinuousBackup];
