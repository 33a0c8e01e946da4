// The HTTP front door: on Azure the Function App itself answers HTTP (triggers under `/api`, the
// same prefix API Gateway routes on AWS), so this is its front-door settings: TLS and CORS.
import type * as web from '@pulumi/azure-native/web';

export type SiteConfig = NonNullable<web.WebAppArgs['siteConfig']>;

/**
 * Only what Flex accepts: no ftpsState/netFrameworkVersion/use32BitWorkerProcess (rejected with
 * error 51021, microsoft/azure-pipelines-tasks#21032); FTP is off through disableBasicAuth (compute.ts).
 * CORS origins are checked by the component's arguments (contract/limits.ts).
 */
export function frontDoorSiteConfig(corsOrigins: string[]): SiteConfig {
  return {
    minTlsVersion: '1.2',
    scmMinTlsVersion: '1.2',
    ...(corsOrigins.length > 0 ? { cors: { allowedOrigins: corsOrigins } } : {}),
  };
}
