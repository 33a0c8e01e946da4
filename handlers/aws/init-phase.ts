// Lambda runs a module's top level in the init phase, before the first invocation and with a burst of
// CPU; work done there is not paid by the first caller ("Take advantage of execution environment reuse",
// https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html, and the Init phase in
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html). No SDK import here.

/**
 * True when a Lambda runtime loads this module: it sets AWS_LAMBDA_RUNTIME_API before it loads the
 * handler (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * Tests and local mode import the entries with an environment they complete later: they build lazily.
 */
export const inLambdaInit = (env: NodeJS.ProcessEnv = process.env): boolean => env.AWS_LAMBDA_RUNTIME_API !== undefined;

/** GET /api/hello as API Gateway's payload 2.0: the warm-up call, answered without any store call. */
export function warmUpEvent() {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/api/hello',
    rawQueryString: '',
    headers: { host: 'init.invalid' },
    requestContext: {
      accountId: 'init',
      apiId: 'init',
      domainName: 'init.invalid',
      domainPrefix: 'init',
      http: { method: 'GET', path: '/api/hello', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'init' },
      requestId: 'init',
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}
