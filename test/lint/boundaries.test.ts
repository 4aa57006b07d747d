/**
 * The architecture's import boundaries fail the lint (and so CI). These cases lint snippets as if
 * they lived at the given paths, so the rule is proven to bite, not just configured.
 */
import { ESLint } from 'eslint'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
// The flat config is CommonJS so it loads here without ESM support in jest.
const config = require('../../eslint.config.js')
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config })

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result.messages.filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message)
}

describe('import boundaries', () => {
  test.each([
    ['src/core/community/x.usecase.ts', "import Taro from '@tarojs/taro'"],
    ['src/core/community/x.usecase.ts', "import tcb from '@cloudbase/node-sdk'"],
    ['src/core/community/x.usecase.ts', "import { openDb } from '../../local-cloud/db'"],
    ['src/core/community/x.usecase.ts', "import { getDb } from '../../server/db/client'"],
    ['src/core/community/x.usecase.ts', "import fs from 'node:fs'"],
    ['src/pages/home/index.tsx', "import { getDb } from '../../server/db/client'"],
    ['src/features/home/home-view.tsx', "import { startLocalCloud } from '@/local-cloud/server'"],
    ['src/api/call-function.ts', "import tcb from '@cloudbase/node-sdk'"],
    ['cloudfunctions/community/index.ts', "import { openDb } from '../../src/local-cloud/db'"]
  ])('%s may not: %s', async (file, code) => {
    expect(await problems(file, code)).toHaveLength(1)
  })

  test.each([
    [
      'src/core/community/x.usecase.ts',
      "import { z } from 'zod'\nimport dayjs from 'dayjs'\nimport { roles } from './roles'"
    ],
    ['src/features/home/home-view.tsx', "import { homeSchema } from '@/core/community/home.schemas'"],
    ['cloudfunctions/community/index.ts', "import { createHandler } from '../../src/server/router'"]
  ])('%s may: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})
