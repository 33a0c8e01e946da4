// The AWS component and its argument type; index.ts at the root constructs it.
export { AwsStack, defaultNamePrefix, type AwsStackArgs } from './stack';
