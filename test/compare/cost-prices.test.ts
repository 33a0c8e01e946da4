// The price table is complete: every line the model needs, in every listed region (at least the
// default regions and the dev stack's), each with an official source, the day it was read and,
// when unconfirmed, why; free tiers apart. A broken table is refused with every problem named.
import { readFileSync } from 'node:fs';
import { loadPriceTable, parsePriceTable, PRICE_LINES, PRICES_FILE, regionPrices } from '../../compare/cost/prices';
import { DEFAULT_REGIONS, readStackSettings } from '../../compare/cost/stack-settings';

const raw = () => JSON.parse(readFileSync(PRICES_FILE, 'utf8'));

describe('compare/cost/prices.json', () => {
  const table = loadPriceTable();

  it("prices every model line in the default regions and the dev stack's regions", () => {
    const dev = readStackSettings('dev');
    for (const [cloud, region] of [
      ['aws', DEFAULT_REGIONS.aws],
      ['azure', DEFAULT_REGIONS.azure],
      ['aws', dev.awsRegion],
      ['azure', dev.azureRegion],
    ] as const) {
      expect(Object.keys(regionPrices(table, cloud, region)).sort()).toEqual([...PRICE_LINES[cloud]].sort());
    }
  });

  it('gives every line an official https source of its cloud, a read date and a non-empty evidence', () => {
    const official = { aws: 'https://aws.amazon.com/', azure: 'https://azure.microsoft.com/' };
    for (const cloud of ['aws', 'azure'] as const) {
      for (const lines of Object.values(table.clouds[cloud].regions)) {
        for (const line of Object.values(lines)) {
          expect(line.source.startsWith(official[cloud])).toBe(true);
          expect(line.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(line.evidence.length).toBeGreaterThan(0);
        }
      }
      for (const tier of Object.values(table.clouds[cloud].freeTiers))
        expect(tier.source.startsWith(official[cloud])).toBe(true);
    }
  });

  it('refuses a table missing a line, naming the cloud, the region and the line', () => {
    const broken = raw();
    delete broken.clouds.azure.regions.northeurope.eventGridOperations;
    expect(() => parsePriceTable(broken)).toThrow('azure northeurope: no price for eventGridOperations');
  });

  it('refuses a line without a source or with a date that is not a date', () => {
    const broken = raw();
    delete broken.clouds.aws.regions['us-east-1'].lambdaRequests.source;
    broken.clouds.aws.regions['eu-west-1'].sqsRequests.read = 'last week';
    expect(() => parsePriceTable(broken)).toThrow(/source[\s\S]*read/);
  });

  it('refuses a line or a free tier the model does not use (a typo would otherwise be ignored)', () => {
    const broken = raw();
    broken.clouds.aws.freeTiers.lambdaRequest = broken.clouds.aws.freeTiers.lambdaRequests;
    expect(() => parsePriceTable(broken)).toThrow('aws free tier: lambdaRequest is not a line the model uses');
  });

  it('names the priced regions when asked for one it does not have', () => {
    expect(() => regionPrices(table, 'aws', 'ap-south-1')).toThrow(
      'aws region ap-south-1 has no prices; priced: us-east-1, eu-west-1',
    );
  });
});
