import { activityTableSchema, notesTableSchema } from '../../contract/aws';
import { tableShapeFromSchema } from '../../aws/documents';

describe('tableShapeFromSchema', () => {
  it('carries keys, attributes, the GSI and the stream over from the notes schema', () => {
    expect(tableShapeFromSchema(notesTableSchema('n'))).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      attributes: [
        { name: 'id', type: 'S' },
        { name: 'kind', type: 'S' },
      ],
      hashKey: 'id',
      globalSecondaryIndexes: [
        {
          name: 'byKind',
          keySchemas: [
            { attributeName: 'kind', keyType: 'HASH' },
            { attributeName: 'id', keyType: 'RANGE' },
          ],
          projectionType: 'ALL',
        },
      ],
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
    });
  });

  it('carries a range key and no stream over from the activity schema', () => {
    expect(tableShapeFromSchema(activityTableSchema('a'))).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      attributes: [
        { name: 'noteId', type: 'S' },
        { name: 'eventId', type: 'S' },
      ],
      hashKey: 'noteId',
      rangeKey: 'eventId',
    });
  });

  it('refuses provisioned tables and schemas without a hash key', () => {
    expect(() => tableShapeFromSchema({ ...notesTableSchema('n'), BillingMode: 'PROVISIONED' })).toThrow(/on-demand/);
    expect(() => tableShapeFromSchema({ ...notesTableSchema('n'), KeySchema: [] })).toThrow(/no HASH key/);
  });
});
