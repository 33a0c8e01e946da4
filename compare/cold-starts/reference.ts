// Published cold-start figures shown beside ours, with where they come from. Not ours to measure:
// they are the line a reader already knows.
export const COLD_START_REFERENCES = {
  aws: { label: 'lambda-perf nodejs22.x arm64 hello world, init', ms: 118, source: 'maxday/lambda-perf' },
  azure: {
    label: 'Flex Consumption, reported first requests',
    minMs: 400,
    maxMs: 10_000,
    source: 'Azure/azure-functions-host#11526',
  },
} as const;
