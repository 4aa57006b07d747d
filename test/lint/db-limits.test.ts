/**
 * Every query and every aggregate the functions send sets its own limit (issue 15): CloudBase's
 * default page is not the local cloud's (a query without `.limit()` gets 100 on both, an aggregate
 * without one gets every group locally and an undocumented default on CloudBase). Read from the
 * source with the TypeScript parser, so a new unbounded query fails here, not in production.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const SERVER = path.resolve(__dirname, '../../src/server')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return sourceFiles(file)
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : []
  })
}

/** The method names of a call chain, outermost last: `a.where(x).limit(1).get()` → where, limit, get. */
function chainOf(node: ts.Expression): string[] {
  const names: string[] = []
  let cur: ts.Expression = node
  for (;;) {
    if (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
      names.unshift(cur.expression.name.text)
      cur = cur.expression.expression
    } else if (ts.isPropertyAccessExpression(cur) || ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur)) {
      cur = cur.expression
    } else {
      return names
    }
  }
}

/** `file:line  chain` of every `.get()` of a query and `.end()` of an aggregate with no `.limit()`. */
export function unboundedReads(source: string, file = 'x.ts'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const chain = chainOf(node)
      const last = chain[chain.length - 1]
      const query =
        last === 'get' &&
        !chain.includes('doc') &&
        ['collection', 'where', 'orderBy', 'field', 'skip'].some(m => chain.includes(m))
      const aggregate = last === 'end' && chain.includes('aggregate')
      if ((query || aggregate) && !chain.includes('limit')) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push(`${path.relative(SERVER, file)}:${line}  ${chain.join('.')}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

test("no query or aggregate in src/server relies on the platform's default page", () => {
  const found = sourceFiles(SERVER).flatMap(file => unboundedReads(readFileSync(file, 'utf8'), file))
  expect(found).toEqual([])
})

test('the check bites: an aggregate or a query without .limit() is found, a bounded one or a doc read is not', () => {
  const code = `
    db.collection('a').aggregate().match({}).group({ _id: '$x' }).end()
    db.collection('a').where({ x: 1 }).orderBy('x', 'asc').get()
    db.collection('a').aggregate().match({}).limit(10).end()
    db.collection('a').where({ x: 1 }).limit(5).get()
    db.collection('a').doc('id').get()
    coll('a').where({ x: 1 }).get()`
  expect(unboundedReads(code).map(l => l.split('  ')[1])).toEqual([
    'collection.aggregate.match.group.end',
    'collection.where.orderBy.get',
    'where.get'
  ])
})
