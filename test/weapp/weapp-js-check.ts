/**
 * What a browser hides about the weapp: WeChat runs `miniprogram/` in the phone's JavaScript engine
 * (iOS JavaScriptCore, Android's V8), which has no DOM and no browser globals, and DevTools (a
 * browser) has them all, so such a bug only shows in people's hands. This reads the built JS as a
 * parser does: free references to browser-only globals, and syntax newer than the weapp's level.
 */
import { parse, type Node } from 'acorn'
import { analyze } from 'eslint-scope'

/**
 * The syntax level every built file must parse at: ES2015. project.config.json keeps DevTools' own
 * ES5 pass off (es6/enhance false, as Taro asks: it compiles the output itself), so the files run
 * as built; babel.config.js targets iOS 10's JavaScriptCore and Chrome 53 for the weapp, which
 * parse all of ES2015 and none of `?.`, `??`, object spread or async functions.
 */
export const WEAPP_ES_LEVEL = 2015

/**
 * Globals a browser has and WeChat's runtime on a phone does not. Taro's weapp build replaces some of
 * them (document, window, URL, location, navigator, history, requestAnimationFrame, MutationObserver,
 * URLSearchParams) with partial stand-ins from @tarojs/runtime (ProvidePlugin in @tarojs/webpack5-
 * runner's MiniWebpackPlugin): those become module imports, not free references, so this check cannot
 * see them and `npm run lint` (no-restricted-globals in app code) stops them at the source instead.
 */
export const BROWSER_ONLY = [
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
  'File',
  'FileReader',
  'FormData',
  'structuredClone',
  'navigator',
  'location',
  'history',
  'requestAnimationFrame',
  'customElements',
  'HTMLElement',
  'MutationObserver',
  'IntersectionObserver',
  'Image'
] as const

/** Standard globals newer than the weapp's engines (iOS 10, Chrome 53); config/global-this.js provides it. */
export const NEWER_THAN_RUNTIME = ['globalThis'] as const

/**
 * Free references we know are never reached, each with why. Matched by global, file and a literal
 * that stays in the minified code near the reference (so the entry cannot cover anything else).
 */
export const KNOWN_UNREACHED: ReadonlyArray<{ name: string; file: RegExp; near: string; why: string }> = [
  {
    name: 'atob',
    file: /(^|\/)vendors\.js$/,
    near: 'ZodBase64',
    why: "zod's z.base64() check; Linli's schemas never use it (built-weapp.test.ts greps src)"
  },
  {
    name: 'atob',
    file: /(^|\/)vendors\.js$/,
    near: '"JWT"',
    why: "zod's z.jwt() check; Linli's schemas never use it (built-weapp.test.ts greps src)"
  }
]

export type Problem = { file: string; kind: 'syntax' | 'global'; message: string }

type AnyNode = Node & Record<string, unknown>

/** Check one built file's source. `file` is its path relative to miniprogram/. */
export function checkWeappSource(file: string, source: string): Problem[] {
  const problems: Problem[] = []
  try {
    parse(source, { ecmaVersion: WEAPP_ES_LEVEL, sourceType: 'script' })
  } catch (e) {
    problems.push({
      file,
      kind: 'syntax',
      message: `does not parse as ES${WEAPP_ES_LEVEL}: ${(e as Error).message} ${excerpt(source, (e as { pos?: number }).pos ?? 0)}`
    })
  }
  // Scope analysis on the latest syntax, so a syntax problem does not hide a global one.
  // eslint-scope reads `range` on every node.
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script', ranges: true }) as unknown as AnyNode
  const scope = analyze(ast as never, { ecmaVersion: 2022, sourceType: 'script' } as never)
  const free = new Set<unknown>()
  for (const ref of scope.globalScope?.through ?? []) {
    const name = ref.identifier.name
    if ((BROWSER_ONLY as readonly string[]).includes(name) || (NEWER_THAN_RUNTIME as readonly string[]).includes(name))
      free.add(ref.identifier)
  }
  if (free.size === 0) return problems
  walk(ast, [], (node, ancestors) => {
    if (!free.has(node)) return
    const name = node.name as string
    if (guarded(name, node, ancestors)) return
    const around = source.slice(Math.max(0, node.start - 400), node.end + 400)
    if (KNOWN_UNREACHED.some(k => k.name === name && k.file.test(file) && around.includes(k.near))) return
    const what = (NEWER_THAN_RUNTIME as readonly string[]).includes(name)
      ? 'a global older phones lack'
      : 'the browser-only global'
    problems.push({ file, kind: 'global', message: `uses ${what} \`${name}\`: ${excerpt(source, node.start)}` })
  })
  return problems
}

/**
 * A reference is safe where the code asks first: `typeof x` itself, or inside the branch of an
 * `if`, `?:`, `&&`/`||` whose test reads `typeof x` (Taro's and webpack's runtimes do this).
 */
function guarded(name: string, node: AnyNode, ancestors: AnyNode[]): boolean {
  const parent = ancestors[ancestors.length - 1]
  if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') return true
  let child: AnyNode = node
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]
    const test =
      (a.type === 'IfStatement' || a.type === 'ConditionalExpression') && child !== a.test
        ? a.test
        : a.type === 'LogicalExpression' && child === a.right
          ? a.left
          : null
    if (test && readsTypeof(test as AnyNode, name)) return true
    child = a
  }
  return false
}

function readsTypeof(node: AnyNode, name: string): boolean {
  let found = false
  walk(node, [], n => {
    if (
      n.type === 'UnaryExpression' &&
      n.operator === 'typeof' &&
      (n.argument as AnyNode).type === 'Identifier' &&
      (n.argument as AnyNode).name === name
    )
      found = true
  })
  return found
}

function walk(node: AnyNode, ancestors: AnyNode[], visit: (n: AnyNode, ancestors: AnyNode[]) => void): void {
  visit(node, ancestors)
  ancestors.push(node)
  for (const key of Object.keys(node)) {
    const value = node[key]
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, ancestors, visit)
    } else if (value && typeof value === 'object' && typeof (value as AnyNode).type === 'string') {
      walk(value as AnyNode, ancestors, visit)
    }
  }
  ancestors.pop()
}

const excerpt = (source: string, at: number): string =>
  `…${source.slice(Math.max(0, at - 60), at + 60).replace(/\s+/g, ' ')}…`
