// What the Azure entries read from the app settings (names: contract/azure.ts, contract/settings.ts).
// Trigger bindings read theirs through %expressions% (index.ts); these are the ones the code reads.
import type { AZURE_SETTINGS, AzureSettingName } from '../../contract/azure';
import { requireSetting, type Settings } from '../core/settings';

/** A setting the stack sets on the Function App (an endpoint, the database, a container); MissingSettingError when absent. */
export function azureSetting(name: AzureSettingName, settings: Settings = process.env): string {
  return requireSetting(settings, name);
}

/** A setting only local mode sets (the emulators' keys and CA); absent or blank in the cloud, where the identity is used. */
export function localOnlySetting(
  name: typeof AZURE_SETTINGS.cosmosKey | typeof AZURE_SETTINGS.cosmosCaFile | typeof AZURE_SETTINGS.topicKey,
  settings: Settings = process.env,
): string | undefined {
  const value = settings[name];
  return value === undefined || value === '' ? undefined : value;
}
