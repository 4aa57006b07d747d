// Lint: mainly the architecture's boundaries (design.md, "Layout"), which CI enforces.
//   core                    imports only zod, dayjs and itself
//   pages/features/api/...  never import server or local-cloud
//   cloudfunctions          import server and core only
const tseslint = require('typescript-eslint')

const forbid = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }]

// Browser-only globals. WeChat's runtime on a phone has none of them (DevTools, a browser, has them all,
// so such a bug only shows in people's hands). Taro's weapp build swaps some (document, window, URL,
// location, navigator, history, requestAnimationFrame, MutationObserver, URLSearchParams) for its own
// partial stand-ins from @tarojs/runtime (ProvidePlugin in @tarojs/webpack5-runner's
// MiniWebpackPlugin), so the built-weapp check (test/weapp/weapp-js-check.ts) cannot see those: they
// are caught here, in the source. H5-only code disables the rule on its line and says why.
const browserOnly = [
  'btoa',
  'atob',
  'document',
  'window',
  'localStorage',
  'sessionStorage',
  'fetch',
  'XMLHttpRequest',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'Blob',
  'FileReader',
  'FormData',
  'structuredClone',
  'navigator',
  'location',
  'history',
  'requestAnimationFrame',
  'MutationObserver',
  'customElements'
].map(name => ({
  name,
  message: `\`${name}\` is a browser global: WeChat's runtime on a phone has none (or only Taro's stand-in). Use Taro's API, or keep it in an H5-only branch (process.env.TARO_ENV === 'h5').`
}))

const platformAndCloud = ['@tarojs/*', '@cloudbase/*', 'wx-server-sdk', 'better-sqlite3', 'mingo', 'mingo/*']

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'miniprogram/**',
      'dist-h5/**',
      'coverage/**',
      '.linli-data/**',
      '.swc/**',
      'cloudfunctions/*/index.js',
      '**/__fixtures__/**',
      'src/components/native/**/*.js'
    ]
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // Lines ≤ 120 columns. Prettier (`npm run format`, checked in `npm run lint`) lays the code out
      // at that width; this catches what it cannot break: comments, and long code it leaves whole.
      // Long strings, template literals, URLs and regular expressions stay whole: splitting them
      // only makes them harder to search for.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true
        }
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
      eqeqeq: ['error', 'smart'],
      // The namespace import lets the bundler drop the parts of zod we don't use: it halved every
      // function's index.js (194 KB of zod → ~100 KB) and so its cold start.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Write `import * as z from 'zod'`: the named `z` pulls in all of zod."
        }
      ]
    }
  },
  {
    // The domain is pure TypeScript: no platform, no cloud, no Node built-ins, no other layer.
    files: ['src/core/**/*.{ts,tsx}'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [
          ...platformAndCloud,
          'node:*',
          'fs',
          'path',
          'http',
          'crypto',
          'react',
          'react-dom',
          '**/local-cloud/**',
          '**/local-cloud',
          '**/server/**',
          '**/server',
          '**/api/**',
          '**/features/**',
          '**/pages/**',
          '**/components/**',
          '@/server/*',
          '@/local-cloud/*',
          '@/api/*',
          '@/features/*',
          '@/pages/*',
          '@/components/*'
        ],
        'src/core imports only zod, dayjs and itself (design.md, "Layout").'
      )
    }
  },
  {
    // The app runs on the phone: it reaches the cloud only through src/api.
    files: [
      'src/pages/**/*.{ts,tsx}',
      'src/features/**/*.{ts,tsx}',
      'src/api/**/*.{ts,tsx}',
      'src/components/**/*.{ts,tsx}',
      'src/app.ts',
      'src/app.config.ts'
    ],
    rules: {
      'no-restricted-imports': forbid(
        [
          '**/server/**',
          '**/server',
          '**/local-cloud/**',
          '**/local-cloud',
          '@/server/*',
          '@/local-cloud/*',
          '@cloudbase/*',
          'wx-server-sdk',
          'better-sqlite3'
        ],
        'pages, features, api and components never import server or local-cloud (design.md, "Layout").'
      )
    }
  },
  {
    // App code runs in WeChat's runtime too; tests run in jsdom and may use the browser.
    files: [
      'src/pages/**/*.{ts,tsx}',
      'src/features/**/*.{ts,tsx}',
      'src/api/**/*.{ts,tsx}',
      'src/components/**/*.{ts,tsx}',
      'src/app.ts',
      'src/core/**/*.ts'
    ],
    ignores: ['**/*.test.{ts,tsx}', '**/*.fixtures.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...browserOnly] }
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/local-cloud/**', '**/api/**', '**/features/**', '**/pages/**', '**/components/**', '@tarojs/*'],
        'cloud functions import server and core only (design.md, "Layout").'
      )
    }
  }
)
