// "No keys": local auth off, shared keys off, no key in settings, no IAM access keys.
import { evaluate, resource } from './evaluate';
import {
  azureLocalAuthDisabled,
  noIamAccessKeys,
  noKeysInAppSettings,
  storageSharedKeyDisabled,
} from '../../policy/rules/no-keys';

const cosmos = 'azure-native:cosmosdb:DatabaseAccount';

describe('azure-local-auth-disabled', () => {
  it.each([
    [cosmos, 'Cosmos DB account'],
    ['azure-native:eventgrid:Topic', 'Event Grid topic'],
    ['azure-native:eventgrid:Domain', 'Event Grid domain'],
    ['azure-native:applicationinsights:Component', 'Application Insights component'],
  ])('passes %s with disableLocalAuth true and fails it otherwise', (type, label) => {
    expect(azureLocalAuthDisabled.check({ type, props: { disableLocalAuth: true } })).toEqual([]);
    expect(azureLocalAuthDisabled.check({ type, props: { disableLocalAuth: false } })).toEqual([
      `${label} must set disableLocalAuth: true so only Entra ID identities can use it (got false)`,
    ]);
    expect(azureLocalAuthDisabled.check({ type, props: {} })).toEqual([
      `${label} must set disableLocalAuth: true so only Entra ID identities can use it (got unset)`,
    ]);
  });

  it('does not accept a truthy string for the boolean', () => {
    expect(azureLocalAuthDisabled.check({ type: cosmos, props: { disableLocalAuth: 'true' } })).toHaveLength(1);
  });
});

describe('storage-shared-key-disabled', () => {
  const type = 'azure-native:storage:StorageAccount';
  it('passes only allowSharedKeyAccess false', () => {
    expect(storageSharedKeyDisabled.check({ type, props: { allowSharedKeyAccess: false } })).toEqual([]);
    expect(storageSharedKeyDisabled.check({ type, props: {} })[0]).toMatch(/allowSharedKeyAccess: false .*got unset/);
    expect(storageSharedKeyDisabled.check({ type, props: { allowSharedKeyAccess: true } })[0]).toMatch(/got true/);
  });
});

describe('no-keys-in-app-settings', () => {
  const settings = (properties: Record<string, unknown>) =>
    noKeysInAppSettings.check({ type: 'azure-native:web:WebAppApplicationSettings', props: { properties } });

  it('passes identity-based settings and the App Insights connection string (an identifier, not a credential)', () => {
    expect(
      settings({
        AzureWebJobsStorage__accountName: 'st123',
        AzureWebJobsStorage__credential: 'managedidentity',
        COSMOS__accountEndpoint: 'https://c.documents.azure.com:443/',
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=1111;IngestionEndpoint=https://x.in.applicationinsights.azure.com/',
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD',
        STRIPE_API_KEY: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/stripe)',
      }),
    ).toEqual([]);
  });

  it('fails a storage connection string with AccountKey', () => {
    expect(
      settings({
        AzureWebJobsStorage:
          'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==;EndpointSuffix=core.windows.net',
      }),
    ).toEqual([
      'app setting "AzureWebJobsStorage" holds a key (AccountKey=); connect with the managed identity or role instead',
    ]);
  });

  it.each([
    ['Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abc=', 'SharedAccessKey='],
    ['BlobEndpoint=https://st.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=abc', 'SharedAccessSignature='],
    ['https://st.blob.core.windows.net/c/app.zip?sv=2022-11-02&se=2030&sig=abc%3D', 'a SAS signature (sig=)'],
  ])('fails %s', (value, found) => {
    expect(settings({ SOME_CONNECTION: value })).toEqual([
      `app setting "SOME_CONNECTION" holds a key (${found}); connect with the managed identity or role instead`,
    ]);
  });

  it('fails settings named like keys (the local-mode COSMOS_KEY must never reach the cloud)', () => {
    expect(settings({ COSMOS_KEY: 'not-a-real-key' })).toEqual([
      'app setting "COSMOS_KEY" is named like a key or secret; connect with the managed identity or role instead',
    ]);
    expect(settings({ DB_PASSWORD: 'hunter2', EMPTY_SECRET: '' })).toHaveLength(1);
  });

  it('reads siteConfig.appSettings on the site, connection string resources and Lambda environments', () => {
    const appSettings = [{ name: 'AzureWebJobsStorage', value: 'AccountName=st;AccountKey=abc' }];
    expect(
      noKeysInAppSettings.check({ type: 'azure-native:web:WebApp', props: { siteConfig: { appSettings } } }),
    ).toHaveLength(1);
    expect(
      noKeysInAppSettings.check({
        type: 'azure-native:web:WebAppConnectionStrings',
        props: { properties: { Cosmos: { value: 'AccountEndpoint=https://c/;AccountKey=abc==;', type: 'Custom' } } },
      }),
    ).toEqual(['app setting "Cosmos" holds a key (AccountKey=); connect with the managed identity or role instead']);
    expect(
      noKeysInAppSettings.check({
        type: 'aws:lambda/function:Function',
        props: { environment: { variables: { NOTES_TABLE: 'notes', THIRD_PARTY_SECRET: 's3cr3t' } } },
      }),
    ).toEqual([
      'environment variable "THIRD_PARTY_SECRET" is named like a key or secret; connect with the managed identity or role instead',
    ]);
  });
});

describe('no-iam-access-keys', () => {
  it('fails every IAM access key, and only those', () => {
    const violations = evaluate([
      resource('aws:iam/accessKey:AccessKey', 'ci-key', { user: 'deployer' }),
      resource('aws:iam/user:User', 'deployer', {}),
    ]);
    expect(violations).toEqual([
      {
        policy: noIamAccessKeys.name,
        resource: 'ci-key',
        message: expect.stringMatching(/^IAM access keys are long-lived credentials/),
      },
    ]);
  });
});
