// The pack against the real AzureNotesApp: run once under mocks, every rule passes on what it registers,
// and each deliberately broken copy fails with exactly the violation it should.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeBundle } from '../../program/bundle/content-hash';
import { zipBundle } from '../../program/bundle/zip';
import { deadLetterContainerName } from '../../azure/dead-letters';
import type { StackResource } from '../../policy/rules';
import { evaluate, type Violation } from './evaluate';
import { copyOf, find, installCapturingMocks, outputValue } from './stack-capture';
import { TEST_AUTH } from '../support/stack-auth';
import { AUTH_SETTINGS, AUTH_MODE_NONE } from '../../contract/settings';
import { signInRequired } from '../../policy/rules/sign-in';
import { toResourcePolicy } from '../../policy/wiring';

const captured = installCapturingMocks();
let resources: StackResource[];
const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-azure-'));

beforeAll(async () => {
  const pulumi = await import('@pulumi/pulumi');
  const { AzureNotesApp } = await import('../../azure');
  // Policies do not read code: a small package spares an esbuild run.
  const bundle = makeBundle({
    'host.json': Buffer.from('{"version":"2.0"}'),
    'dist/index.js': Buffer.from('module.exports = {};'),
  });
  const stack = new AzureNotesApp('azure', {
    protectData: true,
    logRetentionDays: 30,
    maximumInstanceCount: 40,
    memoryMb: 2048,
    corsOrigins: [],
    auth: TEST_AUTH,
    code: { zip: zipBundle(bundle), hash: bundle.hash },
    packageStagingDir: stagingDir,
  });
  await outputValue(stack.endpoint);
  await pulumi.runtime.disconnect();
  resources = [...captured];
});

afterAll(() => fs.rmSync(stagingDir, { recursive: true, force: true }));

const ofType = (type: string) => resources.filter((r) => r.type === type);
const only = (violations: Violation[]) =>
  violations.map(({ policy, resource, message }) => `${policy} | ${resource} | ${message}`);

const cosmos = 'azure-native:cosmosdb:DatabaseAccount';
const storage = 'azure-native:storage:StorageAccount';
const webApp = 'azure-native:web:WebApp';
const settings = 'azure-native:web:WebAppApplicationSettings';

describe('our Azure stack', () => {
  it('registers the resources the rules are about (so passing means something)', () => {
    for (const type of [
      cosmos,
      storage,
      webApp,
      settings,
      'azure-native:eventgrid:Topic',
      'azure-native:applicationinsights:Component',
      'azure-native:operationalinsights:Workspace',
      'azure-native:web:WebAppFtpAllowed',
    ]) {
      expect([type, ofType(type).length]).toEqual([type, 1]);
    }
    expect(ofType('azure-native:eventgrid:TopicEventSubscription')).toHaveLength(1);
    expect(ofType('azure-native:monitor:MetricAlert').length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(find(resources, settings, 'azure-settings').props.properties as object).length).toBeGreaterThan(
      5,
    );
    for (const r of resources) expect(r.urn).toMatch(/^urn:pulumi:/);
    // The FTP switch is tied to the app the way the engine tells a stack policy: by property dependency.
    const ftp = find(resources, 'azure-native:web:WebAppFtpAllowed', 'azure-ftp-basic-auth');
    expect(ftp.propertyDependencies?.name).toEqual([find(resources, webApp, 'azure-app').urn]);
  });

  it('passes every rule of the pack', () => {
    expect(only(evaluate(resources))).toEqual([]);
  });
});

describe('a broken copy of the Azure stack fails', () => {
  function broken(change: (copy: StackResource[]) => void): string[] {
    const copy = copyOf(resources);
    change(copy);
    return only(evaluate(copy));
  }

  it('with Cosmos DB local (key) auth back on', () => {
    expect(broken((c) => (find(c, cosmos, 'azure-cosmos').props.disableLocalAuth = false))).toEqual([
      'azure-local-auth-disabled | azure-cosmos | Cosmos DB account must set disableLocalAuth: true so only Entra ID identities can use it (got false)',
    ]);
  });

  it('with Event Grid access keys allowed', () => {
    expect(
      broken((c) => delete find(c, 'azure-native:eventgrid:Topic', 'azure-events').props.disableLocalAuth),
    ).toEqual([
      'azure-local-auth-disabled | azure-events | Event Grid topic must set disableLocalAuth: true so only Entra ID identities can use it (got unset)',
    ]);
  });

  it('with periodic instead of continuous Cosmos DB backup', () => {
    expect(broken((c) => (find(c, cosmos, 'azure-cosmos').props.backupPolicy = { type: 'Periodic' }))).toEqual([
      'cosmos-continuous-backup | azure-cosmos | Cosmos DB account must set backupPolicy.type: "Continuous" for point-in-time restore (got "Periodic")',
    ]);
  });

  it('with sign-in off (auth none): an advisory warning, not a failure', () => {
    const violations = broken((c) => {
      const properties = find(c, settings, 'azure-settings').props.properties as Record<string, string>;
      for (const key of Object.values(AUTH_SETTINGS)) delete properties[key];
      properties[AUTH_SETTINGS.mode] = AUTH_MODE_NONE;
    });
    expect(violations).toEqual([
      expect.stringMatching(/^sign-in-required \| azure-settings \| sign-in is off \(AUTH_MODE=none\): anyone/),
    ]);
    expect(toResourcePolicy(signInRequired).enforcementLevel).toBe('advisory');
  });

  it('with an app setting holding a storage account key', () => {
    const violations = broken((c) => {
      const properties = find(c, settings, 'azure-settings').props.properties as Record<string, string>;
      properties.AzureWebJobsStorage =
        'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==;EndpointSuffix=core.windows.net';
    });
    expect(violations).toEqual([
      'no-keys-in-app-settings | azure-settings | app setting "AzureWebJobsStorage" holds a key (AccountKey=); connect with the managed identity or role instead',
    ]);
  });

  it('with shared keys, HTTP and TLS 1.0 allowed on storage', () => {
    const account = resources.find((r) => r.type === storage)!.name;
    const violations = broken((c) => {
      Object.assign(find(c, storage, account).props, {
        allowSharedKeyAccess: true,
        enableHttpsTrafficOnly: false,
        minimumTlsVersion: 'TLS1_0',
      });
    });
    expect(violations).toEqual([
      `storage-shared-key-disabled | ${account} | storage account must set allowSharedKeyAccess: false so account keys and key-signed SAS tokens stop working (got true)`,
      `storage-https-tls12 | ${account} | storage account must set enableHttpsTrafficOnly: true (got false)`,
      `storage-https-tls12 | ${account} | storage account must set minimumTlsVersion: "TLS1_2" (got "TLS1_0")`,
    ]);
  });

  it('with a Function App that serves HTTP and TLS 1.0', () => {
    const violations = broken((c) => {
      const app = find(c, webApp, 'azure-app').props;
      app.httpsOnly = false;
      (app.siteConfig as Record<string, unknown>).minTlsVersion = '1.0';
    });
    expect(violations).toEqual([
      'function-app-https-tls12 | azure-app | Function App must set httpsOnly: true (got false)',
      'function-app-https-tls12 | azure-app | Function App must set siteConfig.minTlsVersion: "1.2" (got "1.0")',
    ]);
  });

  it('with FTP left on (no WebAppFtpAllowed { allow: false })', () => {
    const violations = broken((c) =>
      c.splice(c.indexOf(find(c, 'azure-native:web:WebAppFtpAllowed', 'azure-ftp-basic-auth')), 1),
    );
    expect(violations).toEqual([
      'function-app-ftp-disabled | azure-app | Function App azure-app allows FTP: set siteConfig.ftpsState: "Disabled" or add a web.WebAppFtpAllowed { allow: false } for it (got ftpsState unset and no such resource)',
    ]);
  });

  it('with FTP allowed by the WebAppFtpAllowed resource itself', () => {
    const violations = broken(
      (c) => (find(c, 'azure-native:web:WebAppFtpAllowed', 'azure-ftp-basic-auth').props.allow = true),
    );
    expect(violations).toEqual([
      'function-app-ftp-disabled | azure-ftp-basic-auth | WebAppFtpAllowed azure-ftp-basic-auth must set allow: false (got true)',
      expect.stringMatching(/^function-app-ftp-disabled \| azure-app \| Function App azure-app allows FTP/),
    ]);
  });

  it('with the dead-letter alert gone, naming the subscription and its container', () => {
    const violations = broken((c) =>
      c.splice(c.indexOf(find(c, 'azure-native:monitor:MetricAlert', 'azure-dead-lettered')), 1),
    );
    expect(violations).toEqual([
      `dead-letters-alerted | azure-subscriber | Event Grid subscription azure-subscriber dead-letters into container "${deadLetterContainerName}" but no metric alert on its topic's DeadLetteredCount > 0 notifies an action group; add one so a failed event pages someone`,
    ]);
  });

  it('with a Log Analytics workspace without retention', () => {
    expect(
      broken((c) => delete find(c, 'azure-native:operationalinsights:Workspace', 'azure-logs').props.retentionInDays),
    ).toEqual(['log-analytics-retention | azure-logs | Log Analytics workspace must set retentionInDays (got unset)']);
  });
});
