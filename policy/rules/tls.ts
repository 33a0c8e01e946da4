// Promise: HTTPS only, TLS 1.2 or later, and no FTP, on every Azure endpoint we create.
// (AWS needs no rule here: the HTTP API's execute-api endpoint and the AWS SDK endpoints are HTTPS only.)
import { isRecord, recordAt, shown } from './props';
import type { ResourceRule, StackResource, StackRule, StackViolation } from './types';

export const storageHttpsTls12: ResourceRule = {
  name: 'storage-https-tls12',
  description: 'Storage accounts accept HTTPS only (enableHttpsTrafficOnly: true) with minimumTlsVersion TLS1_2.',
  resourceTypes: ['azure-native:storage:StorageAccount'],
  check({ props }) {
    const violations: string[] = [];
    if (props.enableHttpsTrafficOnly !== true) {
      violations.push(
        `storage account must set enableHttpsTrafficOnly: true (got ${shown(props.enableHttpsTrafficOnly)})`,
      );
    }
    if (!['TLS1_2', 'TLS1_3'].includes(props.minimumTlsVersion as string)) {
      violations.push(`storage account must set minimumTlsVersion: "TLS1_2" (got ${shown(props.minimumTlsVersion)})`);
    }
    return violations;
  },
};

const webTls = ['1.2', '1.3'];

export const functionAppHttpsTls12: ResourceRule = {
  name: 'function-app-https-tls12',
  description:
    'Function Apps redirect HTTP to HTTPS (httpsOnly: true) and require TLS 1.2 (siteConfig.minTlsVersion), also on the SCM site.',
  resourceTypes: ['azure-native:web:WebApp', 'azure-native:web:WebAppSlot'],
  check({ props }) {
    const siteConfig = recordAt(props, 'siteConfig');
    const violations: string[] = [];
    if (props.httpsOnly !== true)
      violations.push(`Function App must set httpsOnly: true (got ${shown(props.httpsOnly)})`);
    if (!webTls.includes(siteConfig.minTlsVersion as string)) {
      violations.push(`Function App must set siteConfig.minTlsVersion: "1.2" (got ${shown(siteConfig.minTlsVersion)})`);
    }
    // Unset is the platform default (1.2); an explicit older value is not.
    if (siteConfig.scmMinTlsVersion !== undefined && !webTls.includes(siteConfig.scmMinTlsVersion as string)) {
      violations.push(
        `Function App siteConfig.scmMinTlsVersion must be "1.2" or later (got ${shown(siteConfig.scmMinTlsVersion)})`,
      );
    }
    return violations;
  },
};

const dataPlaneTls: Record<string, { property: string; accepted: string[]; label: string }> = {
  'azure-native:cosmosdb:DatabaseAccount': {
    property: 'minimalTlsVersion',
    accepted: ['Tls12'],
    label: 'Cosmos DB account',
  },
  'azure-native:eventgrid:Topic': {
    property: 'minimumTlsVersionAllowed',
    accepted: ['1.2', '1.3'],
    label: 'Event Grid topic',
  },
  'azure-native:eventgrid:Domain': {
    property: 'minimumTlsVersionAllowed',
    accepted: ['1.2', '1.3'],
    label: 'Event Grid domain',
  },
};

export const dataPlaneTls12: ResourceRule = {
  name: 'azure-data-plane-tls12',
  description: 'Cosmos DB and Event Grid refuse TLS below 1.2.',
  resourceTypes: Object.keys(dataPlaneTls),
  check({ type, props }) {
    const { property, accepted, label } = dataPlaneTls[type];
    if (accepted.includes(props[property] as string)) return [];
    return [`${label} must set ${property}: "${accepted[0]}" (got ${shown(props[property])})`];
  },
};

const webAppType = 'azure-native:web:WebApp';
const ftpPolicyType = 'azure-native:web:WebAppFtpAllowed';

/** Does this FTP credentials policy belong to that app? By dependency when known, else by site name. */
function ftpPolicyTargets(policy: StackResource, app: StackResource): boolean {
  const fromName = policy.propertyDependencies?.name;
  if (fromName && fromName.length > 0) return fromName.includes(app.urn);
  return policy.props.name === app.props.name && policy.props.resourceGroupName === app.props.resourceGroupName;
}

// Flex Consumption rejects siteConfig.ftpsState, so FTP is switched off with the site's
// basicPublishingCredentialsPolicies/ftp resource (WebAppFtpAllowed { allow: false }) instead.
export const functionAppFtpDisabled: StackRule = {
  name: 'function-app-ftp-disabled',
  description:
    'Function Apps allow no FTP: siteConfig.ftpsState "Disabled", or a WebAppFtpAllowed { allow: false } for the app.',
  check(resources) {
    const ftpPolicies = resources.filter((r) => r.type === ftpPolicyType);
    const violations: StackViolation[] = ftpPolicies
      .filter((p) => p.props.allow !== false)
      .map((p) => ({
        urn: p.urn,
        message: `WebAppFtpAllowed ${p.name} must set allow: false (got ${shown(p.props.allow)})`,
      }));
    for (const app of resources.filter((r) => r.type === webAppType)) {
      const siteConfig = isRecord(app.props.siteConfig) ? app.props.siteConfig : {};
      if (siteConfig.ftpsState === 'Disabled') continue;
      if (ftpPolicies.some((p) => p.props.allow === false && ftpPolicyTargets(p, app))) continue;
      violations.push({
        urn: app.urn,
        message: `Function App ${app.name} allows FTP: set siteConfig.ftpsState: "Disabled" or add a web.WebAppFtpAllowed { allow: false } for it (got ftpsState ${shown(siteConfig.ftpsState)} and no such resource)`,
      });
    }
    return violations;
  },
};

export const tlsRules: ResourceRule[] = [storageHttpsTls12, functionAppHttpsTls12, dataPlaneTls12];
export const tlsStackRules: StackRule[] = [functionAppFtpDisabled];
