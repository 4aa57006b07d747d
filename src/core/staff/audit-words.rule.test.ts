import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { auditActionText, auditActionWords, auditTargetText, auditTargetWords } from './audit-words.rule'

/** Every .ts source under src/server and src/core, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}
const root = path.resolve(__dirname, '../..')
const code = [...sources(path.join(root, 'server')), ...sources(path.join(root, 'core'))]
  .map(f => readFileSync(f, 'utf8'))
  .join('\n')

describe('audit words', () => {
  it('describes every literal action code that any audit.record writes', () => {
    const actions = [...code.matchAll(/action: '([a-z-]+\.[a-z_-]+)'/g)].map(m => m[1])
    expect(actions.length).toBeGreaterThan(50)
    expect([...new Set(actions)].filter(a => !(a in auditActionWords))).toEqual([])
  })

  it('names every collection an audit target points at', () => {
    const collections = [...code.matchAll(/target: [`']([a-z_]+)\//g)].map(m => m[1])
    expect([...new Set(collections)].filter(c => !(c in auditTargetWords))).toEqual([])
  })

  it('never shows a code, even for an action or collection it does not know', () => {
    expect(auditActionText('classes.hand-over')).toBe('接送交接')
    expect(auditActionText('classes.something-new')).toBe('四点半课堂操作')
    expect(auditActionText('mystery.thing')).toBe('其他操作')
    expect(auditTargetText('class_attendance/term-demo:s1:c1')).toBe('课堂签到记录')
    expect(auditTargetText('users/demo-resident', '王秀兰')).toBe('账号 · 王秀兰')
    expect(auditTargetText('unknown_things/x')).toBe('记录')
  })
})
