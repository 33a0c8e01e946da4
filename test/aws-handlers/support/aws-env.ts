// Environment for a Lambda entry under test: dummy credentials and region (so the SDK never looks
// further, e.g. at instance metadata), restored afterwards.
export function setLambdaEnv(values: Record<string, string>): () => void {
  const all: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...values,
  };
  const before = Object.fromEntries(Object.keys(all).map((k) => [k, process.env[k]]));
  Object.assign(process.env, all);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
