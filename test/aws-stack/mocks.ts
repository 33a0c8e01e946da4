// Pulumi mocks that record every resource with its inputs and answer with plausible AWS attributes.
// Import this module, call installMocks(), and only then import the component (it reads the runtime).
import * as pulumi from '@pulumi/pulumi';

export const REGION = 'eu-central-1';
const ACCOUNT = '123456789012';

export interface CapturedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Physical names the provider would assign: explicit `name` input, else autonamed from the logical name. */
function physicalName(args: pulumi.runtime.MockResourceArgs): string {
  const name = (args.inputs as { name?: unknown }).name;
  return typeof name === 'string' ? name : `${args.name}-0123abc`;
}

function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const name = physicalName(args);
  const arnPrefix = (service: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}`;
  switch (args.type) {
    case 'aws:dynamodb/table:Table':
      return {
        name,
        arn: `${arnPrefix('dynamodb')}:table/${name}`,
        streamArn: `${arnPrefix('dynamodb')}:table/${name}/stream/2026-01-01T00:00:00.000`,
      };
    case 'aws:cloudwatch/eventBus:EventBus':
      return { name, arn: `${arnPrefix('events')}:event-bus/${name}` };
    case 'aws:cloudwatch/eventRule:EventRule':
      return { name, arn: `${arnPrefix('events')}:rule/${String(args.inputs.eventBusName)}/${name}` };
    case 'aws:sqs/queue:Queue':
      return { name, arn: `${arnPrefix('sqs')}:${name}`, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}` };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { name, arn: `${arnPrefix('logs')}:log-group:${name}` };
    case 'aws:sns/topic:Topic':
      return { name, arn: `${arnPrefix('sns')}:${name}` };
    case 'aws:iam/role:Role':
      return { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
    case 'aws:lambda/function:Function': {
      const arn = `${arnPrefix('lambda')}:function:${name}`;
      return { name, arn, invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations` };
    }
    case 'aws:apigatewayv2/api:Api':
      return {
        apiEndpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
        executionArn: `${arnPrefix('execute-api')}:a1b2c3d4e5`,
      };
    default:
      return {};
  }
}

/** Installs the mocks; returns the list every registered resource is appended to. */
export function installMocks(): CapturedResource[] {
  const resources: CapturedResource[] = [];
  pulumi.runtime.setAllConfig({ 'aws:region': REGION }, []);
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${physicalName(args)}-id`, state: { ...args.inputs, ...mockState(args) } };
      },
      call(args) {
        if (args.token === 'aws:index/getRegion:getRegion') {
          const region = pulumi.runtime.getConfig('aws:region');
          return { region, name: region, id: region, description: 'mocked', endpoint: `ec2.${region}.amazonaws.com` };
        }
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    'serverless-aws-azure',
    'test',
  );
  return resources;
}

/** Resolves an output's value (mocks resolve every output, also unknowns in preview are not used here). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Waits until every resource registration of the program has reached the mocks. */
export function programDone(): Promise<void> {
  return pulumi.runtime.disconnect();
}
