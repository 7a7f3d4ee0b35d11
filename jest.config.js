/** Two projects: Node-side code (rules, emulator, functions) and mini-program components (jsdom + simulate). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
module.exports = {
  // Function tests drive a real local cloud over HTTP, some with 50–100 racing calls: on a machine running every
  // suite at once that can pass jest's 5 s default. A hang still fails; speed is the benches' job. (Global: jest
  // ignores testTimeout inside a project.)
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/{demo,emulator,shared,server,cloudfunctions,scripts,bench}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/miniprogram/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/miniprogram_npm/'],
      globalSetup: '<rootDir>/scripts/jest-miniprogram-setup.ts',
    },
  ],
};
