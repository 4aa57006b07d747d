// Two projects: `node` for the domain, the server, the local cloud and everything that talks to
// it; `web` for React pages over Taro's H5 components (jsdom) and miniprogram-simulate tests.
// Settings of the web project follow research/taro.md §4. `npm test` sets TZ=UTC.
// Times are stored as UTC instants and tests run in UTC (design.md, "Data"), also when jest is
// started directly rather than through `npm test`. Workers inherit this.
process.env.TZ = 'UTC'

const common = {
  rootDir: __dirname,
  // jest's 5 s default fails a test (or a beforeAll starting a local cloud) that is merely slow
  // when the machine is busy (2 cores, several suites at once). Time rules freeze the clock
  // instead; this limit only catches a hang.
  testTimeout: 30_000,
  transform: { '^.+\\.(t|j)sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest' },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/miniprogram/', '/dist-h5/', '/__fixtures__/']
}

module.exports = {
  // No watchman here; probing for it can stall jest in containers.
  watchman: false,
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/src/core/**/*.test.ts',
        '<rootDir>/src/server/**/*.test.ts',
        '<rootDir>/src/local-cloud/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.ts',
        '<rootDir>/test/conformance/**/*.test.ts',
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        '<rootDir>/test/lint/**/*.test.ts'
      ]
    },
    {
      ...common,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: [
        '<rootDir>/src/features/**/*.test.ts?(x)',
        '<rootDir>/src/components/**/*.test.ts?(x)',
        '<rootDir>/src/api/**/*.test.ts?(x)',
        '<rootDir>/src/pages/**/*.test.ts?(x)'
      ],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|less|scss)$': '<rootDir>/test/setup/style.stub.js'
      },
      transformIgnorePatterns: [
        '^(?!.*/node_modules/(@tarojs|@stencil|swiper|ssr-window|dom7|@nutui)/).*/node_modules/'
      ],
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react'
      },
      setupFiles: ['<rootDir>/test/setup/web.setup.ts']
    },
    {
      // The compiled weapp (miniprogram/) in miniprogram-simulate: jsdom is its view layer only;
      // the app's code runs in a realm of WeChat's globals (test/weapp/weapp-runtime.ts). One
      // seeded local cloud serves the whole project.
      ...common,
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      globalSetup: '<rootDir>/test/weapp/weapp.global-setup.ts',
      globalTeardown: '<rootDir>/test/weapp/weapp.global-teardown.ts'
    }
  ]
}
