/**
 * App code may not touch browser-only globals (eslint.config.js, `no-restricted-globals`): WeChat's
 * runtime on a phone has none, and for document/window/URL… Taro's weapp build substitutes partial
 * stand-ins that the built-weapp check (test/weapp) cannot tell from real code. Proven here on snippets.
 */
import { ESLint } from 'eslint'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const config = require('../../eslint.config.js')
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config })

async function flagged(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result.messages.filter(m => m.ruleId === 'no-restricted-globals').map(m => m.message)
}

test.each([
  [
    'src/features/volunteers/qr-image.tsx',
    'export const qr = (svg: string) => `data:image/svg+xml;base64,${btoa(svg)}`'
  ],
  ['src/components/files/save-file.ts', 'export const bytes = (b64: string) => atob(b64)'],
  ['src/components/files/save-file.ts', "export const link = () => document.createElement('a')"],
  ['src/features/staff/x-view.tsx', 'export const blob = (csv: string) => URL.createObjectURL(new Blob([csv]))'],
  ['src/api/x.ts', "export const get = () => fetch('/x')"],
  ['src/pages/home/index.tsx', 'export const w = window.innerWidth'],
  ['src/core/volunteers/x.usecase.ts', 'export const b = (s: string) => btoa(s)'],
  ['src/app.ts', "export const n = localStorage.getItem('x')"]
])('%s may not use a browser global: %s', async (file, code) => {
  const messages = await flagged(file, code)
  expect(messages).not.toHaveLength(0)
  for (const m of messages) expect(m).toContain('is a browser global')
})

test.each([
  ['a test (jsdom)', 'src/features/volunteers/qr-image.test.tsx', "export const a = document.createElement('a')"],
  [
    'a property of the same name',
    'src/features/elder-care/x-view.tsx',
    'export const start = (r: { window: { start: string } }) => r.window.start'
  ],
  ['a local of the same name', 'src/features/x/y.ts', 'export const f = (location: string | null) => location ?? "无"'],
  ['a type', 'src/components/files/x.ts', 'export type Part = Blob | string'],
  ['server code', 'src/server/x.ts', 'export const b = (s: string) => btoa(s)']
])('%s is fine', async (_what, file, code) => {
  expect(await flagged(file, code)).toEqual([])
})
