// "Least privilege": no wildcard actions, Resource "*" only for allow-listed actions, no broad managed policies.
import { iamNoFullAccessManagedPolicies, iamNoWildcards } from '../../policy/rules/least-privilege';
import { wildcardResourceAllowList } from '../../policy/rules/wildcard-resource-allow-list';

const rolePolicy = (document: unknown) =>
  iamNoWildcards.check({ type: 'aws:iam/rolePolicy:RolePolicy', props: { policy: document } });
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const tableArn = 'arn:aws:dynamodb:eu-central-1:123456789012:table/notes';

describe('iam-no-wildcards', () => {
  it('passes named actions on named resources, as a JSON string or an object, one statement or many', () => {
    const statement = {
      Sid: 'Notes',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: [tableArn],
    };
    expect(rolePolicy(doc(statement))).toEqual([]);
    expect(rolePolicy({ Version: '2012-10-17', Statement: statement })).toEqual([]);
    expect(rolePolicy(doc({ ...statement, Action: 'dynamodb:Query', Resource: `${tableArn}/index/byKind` }))).toEqual(
      [],
    );
  });

  it.each(['*', 'dynamodb:*', 'DynamoDB:*'])('fails Action %s', (action) => {
    expect(rolePolicy(doc({ Sid: 'Broad', Effect: 'Allow', Action: action, Resource: tableArn }))).toEqual([
      `statement "Broad" allows Action "${action}"; list the actions the function calls`,
    ]);
  });

  it('fails Resource "*" unless every action of the statement is allow-listed', () => {
    expect(rolePolicy(doc({ Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: '*' }))).toEqual([]);
    expect(
      rolePolicy(doc({ Effect: 'Allow', Action: ['dynamodb:ListStreams', 'dynamodb:GetItem'], Resource: ['*'] })),
    ).toEqual([
      'statement #1 allows dynamodb:GetItem on Resource "*"; scope it to ARNs (only actions in policy/rules/wildcard-resource-allow-list.ts may use "*")',
    ]);
  });

  it('documents a reason for every allow-listed action', () => {
    const entries = Object.entries(wildcardResourceAllowList);
    expect(entries.length).toBeGreaterThan(0);
    for (const [action, reason] of entries) {
      expect(action).toBe(action.toLowerCase());
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('fails NotAction and NotResource in Allow statements, ignores Deny statements', () => {
    expect(rolePolicy(doc({ Sid: 'Inverted', Effect: 'Allow', NotAction: 'iam:*', NotResource: tableArn }))).toEqual([
      'statement "Inverted" uses NotAction, which allows every action it does not list',
      'statement "Inverted" uses NotResource, which allows every resource it does not list',
    ]);
    expect(rolePolicy(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))).toEqual([]);
  });

  it('fails a document it cannot read rather than letting it through', () => {
    expect(rolePolicy('{"Statement": [')).toEqual(['policy is not valid JSON, so it cannot be checked']);
    expect(rolePolicy('"just a string"')).toEqual(['policy is not a JSON object, so it cannot be checked']);
  });

  it("checks each of a Role's inline policies and managed policies, user and group policies", () => {
    const bad = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(
      iamNoWildcards.check({
        type: 'aws:iam/role:Role',
        props: {
          inlinePolicies: [
            {
              name: 'ok',
              policy: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-central-1:1:q' }),
            },
            { name: 'bad', policy: bad },
          ],
        },
      }),
    ).toEqual([
      'inline policy #2: statement #1 allows Action "s3:*"; list the actions the function calls',
      'inline policy #2: statement #1 allows s3:* on Resource "*"; scope it to ARNs (only actions in policy/rules/wildcard-resource-allow-list.ts may use "*")',
    ]);
    for (const type of ['aws:iam/policy:Policy', 'aws:iam/userPolicy:UserPolicy', 'aws:iam/groupPolicy:GroupPolicy']) {
      expect(iamNoWildcards.check({ type, props: { policy: bad } })).toHaveLength(2);
    }
  });
});

describe('iam-no-full-access-managed-policies', () => {
  const attach = (policyArn: string) =>
    iamNoFullAccessManagedPolicies.check({
      type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
      props: { role: 'r', policyArn },
    });

  it.each([
    'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess',
    'arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess',
    'arn:aws:iam::aws:policy/AWSLambda_FullAccess',
    'arn:aws:iam::aws:policy/AdministratorAccess',
    'arn:aws-us-gov:iam::aws:policy/AmazonSQSFullAccess',
  ])('fails %s', (arn) => {
    expect(attach(arn)).toEqual([
      `attaches the AWS managed policy ${arn}, which grants far more than one function needs; write an inline policy with the exact actions and ARNs`,
    ]);
  });

  it('passes narrow managed policies and customer policies named FullAccess (only AWS managed ones are judged)', () => {
    expect(attach('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toEqual([]);
    expect(attach('arn:aws:iam::123456789012:policy/TeamFullAccess')).toEqual([]);
  });

  it("reads a Role's managedPolicyArns and the exclusive attachment resources", () => {
    const arns = [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AmazonS3FullAccess',
    ];
    expect(
      iamNoFullAccessManagedPolicies.check({ type: 'aws:iam/role:Role', props: { managedPolicyArns: arns } }),
    ).toHaveLength(1);
    expect(
      iamNoFullAccessManagedPolicies.check({
        type: 'aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive',
        props: { policyArns: arns },
      }),
    ).toHaveLength(1);
  });
});
