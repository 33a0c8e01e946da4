// Promise: nothing we store is readable anonymously.
import { shown } from './props';
import type { ResourceRule } from './types';

export const storageNoPublicBlobAccess: ResourceRule = {
  name: 'storage-no-public-blob-access',
  description:
    'Storage accounts forbid anonymous blob access (allowBlobPublicAccess: false) and containers are private.',
  resourceTypes: ['azure-native:storage:StorageAccount', 'azure-native:storage:BlobContainer'],
  check({ type, props }) {
    if (type === 'azure-native:storage:BlobContainer') {
      // Unset is private ("None").
      if (props.publicAccess === undefined || props.publicAccess === 'None') return [];
      return [`blob container must not be public (publicAccess ${shown(props.publicAccess)}); use "None"`];
    }
    if (props.allowBlobPublicAccess === false) return [];
    return [`storage account must set allowBlobPublicAccess: false (got ${shown(props.allowBlobPublicAccess)})`];
  },
};

export const noPublicAccessRules: ResourceRule[] = [storageNoPublicBlobAccess];
