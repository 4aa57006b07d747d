// Whether a `npm test` run selects only in-process tests: the tests beside the code under src/
// (the domain's use-case specs over the in-memory database, rules, the server's and the local
// cloud's units with their fixtures, React pages over Taro's H5 components). None of them loads
// a built bundle, so such a run builds nothing. Anything else, or anything this can't read
// for sure (no path at all, a regex with alternatives, an option it does not know), is treated
// as needing the builds, as before.

/** jest options that take the next argument as their value. */
const WITH_VALUE = new Set(['-t', '--testNamePattern', '-w', '--maxWorkers', '--testTimeout', '--seed', '--outputFile'])
/** jest flags that change how tests run, not which files. */
const FLAGS = new Set([
  '-i',
  '--runInBand',
  '--verbose',
  '--silent',
  '--ci',
  '--bail',
  '-b',
  '--no-cache',
  '--detectOpenHandles',
  '--forceExit',
  '--passWithNoTests',
  '--errorOnDeprecated',
  '--json',
  '--useStderr',
  '--expand',
  '-e',
  '--noStackTrace',
  '--colors',
  '--no-colors'
])
/** A plain path under src/ (a folder or a file), relative to the project root: no regex syntax. */
const SRC_PATH = /^(\.\/)?src\/[\w@./-]*$/

/** @param {string[]} args the arguments given to jest @returns {boolean} */
export function inProcessOnly(args) {
  const paths = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (WITH_VALUE.has(arg)) {
      i++
      continue
    }
    const eq = arg.indexOf('=')
    if (arg.startsWith('--') && eq > 0) {
      const name = arg.slice(0, eq)
      if (name === '--testPathPattern') paths.push(arg.slice(eq + 1))
      else if (!WITH_VALUE.has(name)) return false
      continue
    }
    if (arg.startsWith('-')) {
      if (!FLAGS.has(arg)) return false
      continue
    }
    paths.push(arg)
  }
  return paths.length > 0 && paths.every(p => SRC_PATH.test(p) && !p.includes('..'))
}
