// Azure: a cold start forced by restarting the Function App through Azure Resource Manager, Web Apps -
// Restart with softRestart=false ("by default, the API always restarts and reprovisions the app") and
// synchronous=true ("block until the app is restarted"):
// https://learn.microsoft.com/rest/api/appservice/web-apps/restart. The next request then meets a
// new host. The call answers only once the restart is done, so nothing else needs waiting for.
import type { TokenCredential } from '@azure/identity';
import { ForcerConfigurationError, type ColdStartForcer } from './forcer';

export const ARM_ENDPOINT = 'https://management.azure.com';
export const ARM_SCOPE = `${ARM_ENDPOINT}/.default`;
export const WEB_APPS_API_VERSION = '2024-04-01';

export interface AzureColdStartTarget {
  subscriptionId: string;
  resourceGroupName: string;
  functionAppName: string;
}

export function restartPath(target: AzureColdStartTarget): string {
  const { subscriptionId, resourceGroupName, functionAppName } = target;
  return (
    `/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroupName)}` +
    `/providers/Microsoft.Web/sites/${encodeURIComponent(functionAppName)}/restart` +
    `?softRestart=false&synchronous=true&api-version=${WEB_APPS_API_VERSION}`
  );
}

export function azureForcer(
  target: AzureColdStartTarget,
  arm: { credential: TokenCredential; endpoint?: string; timeoutMs?: number },
): ColdStartForcer {
  const endpoint = arm.endpoint ?? ARM_ENDPOINT;
  return {
    cloud: 'azure',
    target: `Function App ${target.functionAppName}`,
    async force() {
      let token: Awaited<ReturnType<typeof arm.credential.getToken>>;
      try {
        token = await arm.credential.getToken(ARM_SCOPE);
      } catch (error) {
        throw new ForcerConfigurationError(
          `no Azure token (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): sign in with \`az login\` as the deployer`,
        );
      }
      if (!token) throw new ForcerConfigurationError('no Azure token: sign in with `az login` as the deployer');
      const response = await fetch(`${endpoint}${restartPath(target)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}` },
        signal: AbortSignal.timeout(arm.timeoutMs ?? 300_000),
      });
      if (response.ok) return;
      const body = await response.text();
      const detail = (() => {
        try {
          const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
          return parsed.error ? `${parsed.error.code}: ${parsed.error.message}` : body.slice(0, 300);
        } catch {
          return body.slice(0, 300);
        }
      })();
      const what = `restarting ${target.functionAppName}: HTTP ${response.status} ${detail}`;
      // Wrong identity, role or names: retrying would fail the same way.
      if ([401, 403, 404].includes(response.status)) {
        throw new ForcerConfigurationError(
          `${what} (cold starts need the deployer's Azure sign-in with Microsoft.Web/sites/restart/action on the app)`,
        );
      }
      throw new Error(what);
    },
    // A restart changes no setting: nothing to put back.
    async restore() {},
  };
}
