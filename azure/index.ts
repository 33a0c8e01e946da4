export { AzureStack, functionNames, type AzureStackArgs } from './stack';
export type { AppPackage } from './deploy';
