import { activityTableSchema, notesTableSchema } from '../../contract/aws';
import { tableShapeFromSchema } from '../../aws/documents';

describe('tableShapeFromSchema', () => {
  it('carries keys, attributes and the stream over from the notes schema: one partition per owner, no index', () => {
    expect(tableShapeFromSchema(notesTableSchema('n'))).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      attributes: [
        { name: 'owner', type: 'S' },
        { name: 'id', type: 'S' },
      ],
      hashKey: 'owner',
      rangeKey: 'id',
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
    });
  });

  it('carries a range key and no stream over from the activity schema', () => {
    expect(tableShapeFromSchema(activityTableSchema('a'))).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      attributes: [
        { name: 'owner', type: 'S' },
        { name: 'noteEvent', type: 'S' },
      ],
      hashKey: 'owner',
      rangeKey: 'noteEvent',
    });
  });

  it('refuses provisioned tables and schemas without a hash key', () => {
    expect(() => tableShapeFromSchema({ ...notesTableSchema('n'), BillingMode: 'PROVISIONED' })).toThrow(/on-demand/);
    expect(() => tableShapeFromSchema({ ...notesTableSchema('n'), KeySchema: [] })).toThrow(/no HASH key/);
  });
});
