// Promise: no keys. Every data plane is reached by identity (Entra ID on Azure, IAM roles on AWS),
// so a leaked setting or a copied connection string opens nothing.
import { asList, isRecord, recordAt, shown } from './props';
import type { ResourceInput, ResourceRule } from './types';

const localAuthServices: Record<string, string> = {
  'azure-native:cosmosdb:DatabaseAccount': 'Cosmos DB account',
  'azure-native:eventgrid:Topic': 'Event Grid topic',
  'azure-native:eventgrid:Domain': 'Event Grid domain',
  'azure-native:applicationinsights:Component': 'Application Insights component',
};

export const azureLocalAuthDisabled: ResourceRule = {
  name: 'azure-local-auth-disabled',
  description:
    'Cosmos DB, Event Grid and Application Insights accept Entra ID only (disableLocalAuth: true), never keys.',
  resourceTypes: Object.keys(localAuthServices),
  check({ type, props }) {
    if (props.disableLocalAuth === true) return [];
    return [
      `${localAuthServices[type]} must set disableLocalAuth: true so only Entra ID identities can use it (got ${shown(props.disableLocalAuth)})`,
    ];
  },
};

export const storageSharedKeyDisabled: ResourceRule = {
  name: 'storage-shared-key-disabled',
  description: 'Storage accounts refuse account keys and key-signed SAS (allowSharedKeyAccess: false).',
  resourceTypes: ['azure-native:storage:StorageAccount'],
  check({ props }) {
    if (props.allowSharedKeyAccess === false) return [];
    return [
      `storage account must set allowSharedKeyAccess: false so account keys and key-signed SAS tokens stop working (got ${shown(props.allowSharedKeyAccess)})`,
    ];
  },
};

// Credentials inside a value: storage/Cosmos account keys, Service Bus/Event Hubs/IoT keys, SAS tokens.
const keyBearingValue: Array<[RegExp, string]> = [
  [/AccountKey=/i, 'AccountKey='],
  [/SharedAccessKey=/i, 'SharedAccessKey='],
  [/SharedAccessSignature=/i, 'SharedAccessSignature='],
  [/[?&;]sig=/i, 'a SAS signature (sig=)'],
];
// Names that announce a credential (COSMOS_KEY, EVENTGRID_KEY, DB_PASSWORD, API_TOKEN, …).
const keyBearingName = /(key|secret|password|token)$/i;
// A Key Vault reference names a secret; the app resolves it with its identity, the setting holds no key.
const keyVaultReference = /^@Microsoft\.KeyVault\(/;

interface Setting {
  name: string;
  value: unknown;
}

function settingsOf({ type, props }: ResourceInput): Setting[] {
  switch (type) {
    case 'azure-native:web:WebApp':
    case 'azure-native:web:WebAppSlot':
      return asList(recordAt(props, 'siteConfig').appSettings)
        .filter(isRecord)
        .map((s) => ({ name: String(s.name), value: s.value }));
    case 'azure-native:web:WebAppApplicationSettings':
    case 'azure-native:web:WebAppApplicationSettingsSlot':
      return Object.entries(recordAt(props, 'properties')).map(([name, value]) => ({ name, value }));
    case 'azure-native:web:WebAppConnectionStrings':
    case 'azure-native:web:WebAppConnectionStringsSlot':
      return Object.entries(recordAt(props, 'properties')).map(([name, entry]) => ({
        name,
        value: isRecord(entry) ? entry.value : entry,
      }));
    case 'aws:lambda/function:Function':
      return Object.entries(recordAt(recordAt(props, 'environment'), 'variables')).map(([name, value]) => ({
        name,
        value,
      }));
    default:
      return [];
  }
}

export const noKeysInAppSettings: ResourceRule = {
  name: 'no-keys-in-app-settings',
  description: 'No app setting, connection string or Lambda environment variable holds a key, SAS token or secret.',
  resourceTypes: [
    'azure-native:web:WebApp',
    'azure-native:web:WebAppSlot',
    'azure-native:web:WebAppApplicationSettings',
    'azure-native:web:WebAppApplicationSettingsSlot',
    'azure-native:web:WebAppConnectionStrings',
    'azure-native:web:WebAppConnectionStringsSlot',
    'aws:lambda/function:Function',
  ],
  check(resource) {
    const what = resource.type.startsWith('aws:') ? 'environment variable' : 'app setting';
    const violations: string[] = [];
    for (const { name, value } of settingsOf(resource)) {
      const text = value === undefined || value === null ? '' : String(value);
      const found = keyBearingValue.find(([pattern]) => pattern.test(text));
      if (found) {
        violations.push(
          `${what} "${name}" holds a key (${found[1]}); connect with the managed identity or role instead`,
        );
      } else if (keyBearingName.test(name) && text !== '' && !keyVaultReference.test(text)) {
        violations.push(
          `${what} "${name}" is named like a key or secret; connect with the managed identity or role instead`,
        );
      }
    }
    return violations;
  },
};

export const noIamAccessKeys: ResourceRule = {
  name: 'no-iam-access-keys',
  description: 'No IAM user access keys: functions use their execution roles, CI uses OIDC.',
  resourceTypes: ['aws:iam/accessKey:AccessKey'],
  check() {
    return [
      'IAM access keys are long-lived credentials: give workloads a role (Lambda execution role, OIDC for CI) instead',
    ];
  },
};

export const noKeysRules: ResourceRule[] = [
  azureLocalAuthDisabled,
  storageSharedKeyDisabled,
  noKeysInAppSettings,
  noIamAccessKeys,
];
