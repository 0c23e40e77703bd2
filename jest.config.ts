import type { Config } from 'jest';

const moduleNameMapper = {
  '^@rct/(.*)$': '<rootDir>/libs/$1/src',
};

/** ESM-only dependencies that Node 20 loads with require(esm) but jest must transpile. */
const ESM_DEPENDENCIES = ['content-disposition'];

const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  [`/node_modules/(${ESM_DEPENDENCIES.join('|')})/.+\\.js$`]: [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
  ],
};

const shared: Config = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_DEPENDENCIES.join('|')})/)`],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

const config: Config = {
  // Booting an app with an embedded PostgreSQL takes seconds, not milliseconds.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // test/support holds the e2e harness; its own unit specs (the OpenAPI contract check) run here.
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

export default config;
