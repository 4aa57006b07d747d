/**
 * Lines ≤ 120 columns: `npm run lint` fails on a longer one and `npm run format` lays code out
 * within them (prettier with .prettierrc.json, then eslint --fix). What prettier cannot break
 * (a comment) still fails the lint; long strings stay whole by design.
 */
import { ESLint } from 'eslint'
import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const config = require('../../eslint.config.js')
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config })
/** `prettier` as `npm run format` runs it (its CLI, with the repository's .prettierrc.json), on one file's text. */
const format = (code: string): string =>
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--stdin-filepath', path.join(root, 'src/server/x.ts')],
    { cwd: root, input: code, encoding: 'utf8' }
  )

async function tooLong(code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, 'src/server/x.ts') })
  return result.messages.filter(m => m.ruleId === 'max-len').map(m => m.line)
}

const call = `export const total = add(${Array.from({ length: 14 }, (_, i) => `argumentNumber${i}`).join(', ')})\n`

test('a code line or a comment over 120 columns fails the lint; 120 pass', async () => {
  expect(call.length).toBeGreaterThan(120)
  expect(await tooLong(call)).toEqual([1])
  expect(await tooLong(`// ${'x'.repeat(118)}\n// ${'x'.repeat(117)}\n`)).toEqual([1])
})

test('a long string or URL stays whole and passes', async () => {
  expect(
    await tooLong(`export const m = '${'长'.repeat(130)}'\nexport const u = 'https://example.com/${'a'.repeat(120)}'\n`)
  ).toEqual([])
})

test("the formatter breaks a long line within 120 columns, in the code base's style", async () => {
  const out = format(call)
  expect(out.split('\n').every(l => l.length <= 120)).toBe(true)
  expect(await tooLong(out)).toEqual([])
  // No semicolons, single quotes, no trailing commas.
  expect(format('const a = "x";\nconst b = [\n  1,\n  2,\n];\n')).toBe("const a = 'x'\nconst b = [1, 2]\n")
})
