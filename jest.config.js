/** Two projects: Node-side code (rules, emulator, functions) and mini-program components (jsdom + simulate). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };
module.exports = {
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
