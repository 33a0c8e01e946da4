// App settings → SDK clients: the managed identity in the cloud, a key and a private CA only in
// local mode, and a clear error for a missing setting.
import { Agent } from 'node:https';
import { DefaultAzureCredential } from '@azure/identity';
import { cosmosClientOptions, loadManagedIdentity, managedIdentity } from '../../handlers/azure/clients';
import { MissingSettingError, requireSetting } from '../../handlers/core/settings';
import { AZURE_SETTINGS } from '../../contract/azure';
import { createLoopbackCertificate } from './tls';

describe('cosmosClientOptions', () => {
  it('uses the managed identity and no key in the cloud', async () => {
    const options = cosmosClientOptions({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' });
    expect(options.endpoint).toBe('https://acct.documents.azure.com:443/');
    // The credential the client holds defers to one DefaultAzureCredential, created on first use.
    expect(options.aadCredentials).toBe(managedIdentity);
    const identity = await loadManagedIdentity();
    expect(identity).toBeInstanceOf(DefaultAzureCredential);
    await expect(loadManagedIdentity()).resolves.toBe(identity);
    expect(options.key).toBeUndefined();
    expect(options.agent).toBeUndefined();
  });

  it('uses the key and trusts only the given CA in local mode', () => {
    const tls = createLoopbackCertificate();
    try {
      const options = cosmosClientOptions({
        COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
        COSMOS_KEY: 'k',
        COSMOS_CA_CERT_FILE: tls.certFile,
      });
      expect(options.key).toBe('k');
      expect(options.aadCredentials).toBeUndefined();
      expect(options.agent).toBeInstanceOf(Agent);
      expect((options.agent as Agent).options.ca).toEqual(tls.cert);
      expect((options.agent as Agent).options.rejectUnauthorized).not.toBe(false);
      expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    } finally {
      tls.dispose();
    }
  });

  it('fails with the name of a missing or blank setting', () => {
    expect(() => cosmosClientOptions({})).toThrow(new MissingSettingError(AZURE_SETTINGS.cosmosEndpoint));
    expect(() => requireSetting({ [AZURE_SETTINGS.database]: '  ' }, AZURE_SETTINGS.database)).toThrow(
      `${AZURE_SETTINGS.database} is not set`,
    );
  });
});
