/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // jose 6 is ESM only; jest on Node 22 requires CommonJS, so its files are transformed too.
    '^.+/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Pulumi's mocks and the emulators keep module state: one module registry per file is what we want.
  // A guard against hangs, not a speed limit: a loaded 2-core machine may take many times longer than an
  // idle one, so tests wait for behaviour (events, exits) and this only ends a test that never would.
  testTimeout: 120_000,
  // Most suites wait on child processes and sockets: two workers keep both cores busy (jest's default is
  // cores - 1, which on a 2-core machine runs the whole suite in one process).
  maxWorkers: 2,
};
