// "HTTPS and TLS 1.2 only, no FTP": storage, Function App, Cosmos DB, Event Grid.
import { evaluate, resource } from './evaluate';
import {
  dataPlaneTls12,
  functionAppFtpDisabled,
  functionAppHttpsTls12,
  storageHttpsTls12,
} from '../../policy/rules/tls';

const storage = 'azure-native:storage:StorageAccount';
const webApp = 'azure-native:web:WebApp';
const ftpAllowed = 'azure-native:web:WebAppFtpAllowed';

describe('storage-https-tls12', () => {
  it('passes HTTPS only with TLS1_2, fails each setting on its own', () => {
    expect(
      storageHttpsTls12.check({ type: storage, props: { enableHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' } }),
    ).toEqual([]);
    expect(
      storageHttpsTls12.check({ type: storage, props: { enableHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' } }),
    ).toEqual([
      'storage account must set enableHttpsTrafficOnly: true (got false)',
      'storage account must set minimumTlsVersion: "TLS1_2" (got "TLS1_0")',
    ]);
    expect(storageHttpsTls12.check({ type: storage, props: { enableHttpsTrafficOnly: true } })).toEqual([
      'storage account must set minimumTlsVersion: "TLS1_2" (got unset)',
    ]);
  });
});

describe('function-app-https-tls12', () => {
  const good = { httpsOnly: true, siteConfig: { minTlsVersion: '1.2', scmMinTlsVersion: '1.2' } };
  it('passes httpsOnly with TLS 1.2 on site and SCM', () => {
    expect(functionAppHttpsTls12.check({ type: webApp, props: good })).toEqual([]);
    expect(
      functionAppHttpsTls12.check({ type: webApp, props: { httpsOnly: true, siteConfig: { minTlsVersion: '1.3' } } }),
    ).toEqual([]);
  });
  it('fails HTTP allowed, a missing or old minTlsVersion, and an old SCM TLS version', () => {
    expect(
      functionAppHttpsTls12.check({
        type: webApp,
        props: { httpsOnly: false, siteConfig: { scmMinTlsVersion: '1.0' } },
      }),
    ).toEqual([
      'Function App must set httpsOnly: true (got false)',
      'Function App must set siteConfig.minTlsVersion: "1.2" (got unset)',
      'Function App siteConfig.scmMinTlsVersion must be "1.2" or later (got "1.0")',
    ]);
  });
});

describe('azure-data-plane-tls12', () => {
  it('passes Cosmos Tls12 and Event Grid 1.2, fails older or unset', () => {
    expect(
      dataPlaneTls12.check({ type: 'azure-native:cosmosdb:DatabaseAccount', props: { minimalTlsVersion: 'Tls12' } }),
    ).toEqual([]);
    expect(
      dataPlaneTls12.check({ type: 'azure-native:eventgrid:Topic', props: { minimumTlsVersionAllowed: '1.2' } }),
    ).toEqual([]);
    expect(
      dataPlaneTls12.check({ type: 'azure-native:cosmosdb:DatabaseAccount', props: { minimalTlsVersion: 'Tls' } }),
    ).toEqual(['Cosmos DB account must set minimalTlsVersion: "Tls12" (got "Tls")']);
    expect(dataPlaneTls12.check({ type: 'azure-native:eventgrid:Topic', props: {} })).toEqual([
      'Event Grid topic must set minimumTlsVersionAllowed: "1.2" (got unset)',
    ]);
  });
});

describe('function-app-ftp-disabled (stack rule)', () => {
  const app = (props: Record<string, unknown> = {}) =>
    resource(webApp, 'app', { name: 'app-1234', resourceGroupName: 'rg', ...props });

  it('passes ftpsState Disabled on the site', () => {
    expect(functionAppFtpDisabled.check([app({ siteConfig: { ftpsState: 'Disabled' } })])).toEqual([]);
  });

  it('passes a WebAppFtpAllowed { allow: false } for the app, found by property dependency or by site name', () => {
    const site = app();
    const byDependency = {
      ...resource(ftpAllowed, 'ftp', { name: 'ftp', allow: false }),
      propertyDependencies: { name: [site.urn] },
    };
    expect(functionAppFtpDisabled.check([site, byDependency])).toEqual([]);
    expect(
      functionAppFtpDisabled.check([
        site,
        resource(ftpAllowed, 'ftp', { name: 'app-1234', resourceGroupName: 'rg', allow: false }),
      ]),
    ).toEqual([]);
  });

  it('fails an app with neither, or whose FTP policy belongs to another app or allows FTP', () => {
    const site = app();
    const otherApp = {
      ...resource(ftpAllowed, 'other-ftp', { name: 'ftp', allow: false }),
      propertyDependencies: { name: ['urn:other'] },
    };
    const appFailure = {
      policy: 'function-app-ftp-disabled',
      resource: 'app',
      message:
        'Function App app allows FTP: set siteConfig.ftpsState: "Disabled" or add a web.WebAppFtpAllowed { allow: false } for it (got ftpsState unset and no such resource)',
    };
    expect(evaluate([site]).filter((v) => v.policy === 'function-app-ftp-disabled')).toEqual([appFailure]);
    expect(functionAppFtpDisabled.check([site, otherApp]).map((v) => v.urn)).toEqual([site.urn]);
    const allowing = resource(ftpAllowed, 'ftp', { name: 'app-1234', resourceGroupName: 'rg', allow: true });
    expect(functionAppFtpDisabled.check([site, allowing])).toEqual([
      { urn: allowing.urn, message: 'WebAppFtpAllowed ftp must set allow: false (got true)' },
      { urn: site.urn, message: expect.stringMatching(/^Function App app allows FTP/) },
    ]);
    expect(functionAppFtpDisabled.check([app({ siteConfig: { ftpsState: 'FtpsOnly' } })])[0].message).toMatch(
      /got ftpsState "FtpsOnly"/,
    );
  });
});
