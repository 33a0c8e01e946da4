// The Azure component and its argument type; index.ts at the root constructs it.
export {
  AzureNotesApp,
  AZURE_NOTES_APP_TYPE,
  AZURE_NOTES_APP_PREVIOUS_TYPE,
  type AzureNotesAppArgs,
} from './component';
export type { AppPackage } from './code-deployment';
