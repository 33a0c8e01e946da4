// The HTTP front door: API Gateway HTTP API → api function (payload 2.0), throttled and access-logged.
import * as pulumi from '@pulumi/pulumi';
import { Api, Integration, Route, Stage } from '@pulumi/aws/apigatewayv2';
import { Permission, type Function as LambdaFunction } from '@pulumi/aws/lambda';
import { createLogGroup } from './telemetry';

export interface HttpApiArgs {
  /** The api function every route invokes. */
  fn: LambdaFunction;
  namePrefix: string;
  throttle: { rateLimit: number; burstLimit: number };
  corsOrigins: string[];
  logRetentionDays: number;
}

export interface HttpApi {
  api: Api;
  integration: Integration;
  routes: Route[];
  stage: Stage;
  permission: Permission;
}

/** Every route lives under /api, as on Azure; `/api` itself reaches the app too (its 404 is the app's). */
export const API_ROUTE_KEYS = ['ANY /api/{proxy+}', 'ANY /api'] as const;

// One JSON object per request ($context variables of HTTP APIs).
const accessLogFormat = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

function corsConfiguration(origins: string[]) {
  return {
    allowOrigins: origins,
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'if-match'],
    exposeHeaders: ['etag', 'location', 'x-served-by', 'retry-after'],
    maxAge: 3600,
  };
}

export function createHttpApi(name: string, args: HttpApiArgs, parent: pulumi.Resource): HttpApi {
  const api = new Api(
    `${name}-http-api`,
    {
      protocolType: 'HTTP',
      description: 'serverless-aws-azure notes API',
      ...(args.corsOrigins.length > 0 ? { corsConfiguration: corsConfiguration(args.corsOrigins) } : {}),
    },
    { parent },
  );
  const integration = new Integration(
    `${name}-api`,
    {
      apiId: api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: args.fn.arn,
      integrationMethod: 'POST',
      payloadFormatVersion: '2.0',
    },
    { parent },
  );
  const routes = API_ROUTE_KEYS.map(
    (routeKey, index) =>
      new Route(
        `${name}-api-route-${index}`,
        { apiId: api.id, routeKey, target: pulumi.interpolate`integrations/${integration.id}` },
        { parent },
      ),
  );
  const accessLogs = createLogGroup(
    `${name}-api-access-logs`,
    { logGroupName: `/aws/apigateway/${args.namePrefix}-http-api`, retentionDays: args.logRetentionDays },
    parent,
  );
  const stage = new Stage(
    `${name}-default-stage`,
    {
      apiId: api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: args.throttle.rateLimit,
        throttlingBurstLimit: args.throttle.burstLimit,
      },
      accessLogSettings: { destinationArn: accessLogs.arn, format: accessLogFormat },
    },
    { parent, dependsOn: routes },
  );
  const permission = new Permission(
    `${name}-api-from-http-api`,
    {
      action: 'lambda:InvokeFunction',
      function: args.fn.name,
      principal: 'apigateway.amazonaws.com',
      sourceArn: pulumi.interpolate`${api.executionArn}/*/*`,
    },
    { parent },
  );
  return { api, integration, routes, stage, permission };
}
