// The pack as the Pulumi CLI runs it: policy/index.ts started as its own process from policy/ (so
// its dependencies resolve from the repository's node_modules), then asked over gRPC what the
// engine asks during `pulumi preview --policy-pack policy`. No CLI or cloud needed.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import {
  AnalyzeRequest,
  AnalyzeStackRequest,
  AnalyzerPropertyDependencies,
  AnalyzerResource,
  AnalyzerResourceOptions,
  EnforcementLevel,
  type AnalyzeDiagnostic,
  type AnalyzerInfo,
  type AnalyzeResponse,
} from '@pulumi/pulumi/proto/analyzer_pb';
import { resourceRules, stackRules } from '../../policy/rules';

const policyDir = path.resolve(__dirname, '../../policy');
// The engine's marker for a value not known until deployment (@pulumi/policy proxy.js, unknownStringValue).
const unknownString = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

let server: ChildProcess;
let client: AnalyzerClient;

beforeAll(async () => {
  // tsx stands in for the ts-node the CLI registers; either way policy/index.ts runs from policy/.
  server = spawn(process.execPath, ['--require', 'tsx/cjs', 'index.ts'], {
    cwd: policyDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The pack prints the port it listens on, as the CLI expects.
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    server.once('exit', (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
  });
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await exited;
  }
});

function call<Req, Res>(
  method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  request: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    method.call(client, request, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

function analyze(type: string, props: Record<string, unknown>): Promise<AnalyzeDiagnostic[]> {
  const request = new AnalyzeRequest()
    .setType(type)
    .setName('r')
    .setUrn(`urn:pulumi:dev::serverless-aws-azure::${type}::r`)
    .setProperties(Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]))
    .setOptions(new AnalyzerResourceOptions());
  return call<AnalyzeRequest, AnalyzeResponse>(client.analyze, request).then((r) => r.getDiagnosticsList());
}

const summary = (d: AnalyzeDiagnostic) => ({
  policy: d.getPolicyname(),
  level: d.getEnforcementlevel(),
  message: d.getMessage(),
  urn: d.getUrn(),
});

describe('the policy pack process', () => {
  it('announces every rule as a policy of pack serverless-aws-azure, mandatory unless the rule says advisory', async () => {
    const info = await call<Empty, AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
    expect(info.getName()).toBe('serverless-aws-azure');
    const policies = info.getPoliciesList();
    expect(policies.map((p) => p.getName()).sort()).toEqual(
      [...resourceRules, ...stackRules].map((r) => r.name).sort(),
    );
    const advisory = new Set(resourceRules.filter((r) => r.enforcementLevel === 'advisory').map((r) => r.name));
    expect([...advisory]).toEqual(['sign-in-required']);
    for (const p of policies) {
      const level = advisory.has(p.getName()) ? EnforcementLevel.ADVISORY : EnforcementLevel.MANDATORY;
      expect([p.getName(), p.getEnforcementlevel()]).toEqual([p.getName(), level]);
    }
  });

  it('blocks a Cosmos DB account with local auth on, with the rule description and our message', async () => {
    const diagnostics = await analyze('azure-native:cosmosdb:DatabaseAccount', {
      disableLocalAuth: false,
      backupPolicy: { type: 'Continuous' },
      minimalTlsVersion: 'Tls12',
    });
    expect(diagnostics.map(summary)).toEqual([
      {
        policy: 'azure-local-auth-disabled',
        level: EnforcementLevel.MANDATORY,
        message: expect.stringContaining(
          '\nCosmos DB account must set disableLocalAuth: true so only Entra ID identities can use it (got false)',
        ),
        urn: '',
      },
    ]);
  });

  it('lets a compliant resource through and ignores types no rule names', async () => {
    expect(
      await analyze('aws:dynamodb/table:Table', {
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
      }),
    ).toEqual([]);
    expect(await analyze('aws:s3/bucketV2:BucketV2', { bucket: 'x' })).toEqual([]);
  });

  it('reads secret values as plain text, as the engine sends them', async () => {
    const secret = {
      '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
      value: 'AccountName=st;AccountKey=abc==',
    };
    const diagnostics = await analyze('azure-native:web:WebAppApplicationSettings', {
      properties: { AzureWebJobsStorage: secret },
    });
    expect(diagnostics.map((d) => d.getPolicyname())).toEqual(['no-keys-in-app-settings']);
  });

  it('reports a value unknown during preview as advisory instead of guessing', async () => {
    const diagnostics = await analyze('aws:iam/rolePolicy:RolePolicy', { role: 'r', policy: unknownString });
    expect(diagnostics.map(summary)).toEqual([
      {
        policy: 'iam-no-wildcards',
        level: EnforcementLevel.ADVISORY,
        message: expect.stringMatching(/can't run policy 'iam-no-wildcards'.*during preview/),
        urn: '',
      },
    ]);
  });

  it('runs the stack rules with URNs and property dependencies', async () => {
    const appUrn = 'urn:pulumi:dev::serverless-aws-azure::azure-native:web:WebApp::app';
    const resource = (
      type: string,
      name: string,
      props: Record<string, unknown>,
      urn = `urn:pulumi:dev::p::${type}::${name}`,
    ) =>
      new AnalyzerResource()
        .setType(type)
        .setName(name)
        .setUrn(urn)
        .setProperties(Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]))
        .setOptions(new AnalyzerResourceOptions());
    const app = resource(
      'azure-native:web:WebApp',
      'app',
      { httpsOnly: true, siteConfig: { minTlsVersion: '1.2' } },
      appUrn,
    );
    const ftp = resource('azure-native:web:WebAppFtpAllowed', 'ftp', { name: 'ftp', allow: false });
    ftp.getPropertydependenciesMap().set('name', new AnalyzerPropertyDependencies().setUrnsList([appUrn]));

    const withSwitch = await call<AnalyzeStackRequest, AnalyzeResponse>(
      client.analyzeStack,
      new AnalyzeStackRequest().setResourcesList([app, ftp]),
    );
    expect(withSwitch.getDiagnosticsList()).toEqual([]);

    const without = await call<AnalyzeStackRequest, AnalyzeResponse>(
      client.analyzeStack,
      new AnalyzeStackRequest().setResourcesList([app]),
    );
    expect(without.getDiagnosticsList().map(summary)).toEqual([
      {
        policy: 'function-app-ftp-disabled',
        level: EnforcementLevel.MANDATORY,
        message: expect.stringContaining('Function App app allows FTP'),
        urn: appUrn,
      },
    ]);
  });
});
