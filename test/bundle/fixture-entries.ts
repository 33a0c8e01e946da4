// The committed fixture entries (they resolve hono and @azure/functions from the repo's node_modules).
import type { AwsBundleOptions, AzurePackageOptions } from '../../program/bundle';

export const fixtureAwsEntries: NonNullable<AwsBundleOptions['entries']> = {
  api: 'test/bundle/fixtures/aws/api.ts',
  publisher: 'test/bundle/fixtures/aws/publisher.ts',
  subscriber: 'test/bundle/fixtures/aws/subscriber.ts',
};

export const fixtureAzurePackage: AzurePackageOptions = {
  entry: 'test/bundle/fixtures/azure/index.ts',
  hostJson: 'test/bundle/fixtures/azure/host.json',
};
