/**
 * Render a page of Taro's compiled WeChat output (miniprogram/) inside miniprogram-simulate.
 * Needs `taro build --type weapp` first and the 'official' (wcc) compiler: the JS 'simulate'
 * compiler renders Taro's recursive base.wxml templates as nothing. It leans on internals (Page is
 * mapped to Component, Taro binds every event to the page's `eh` method), so it is a smoke test of
 * the real WXML output, not a stable API. Recipe: research/taro.md §5.
 */
import path from 'path'
import * as simulate from 'miniprogram-simulate'

type PageOptions = { data?: Record<string, unknown>; onLoad?: (this: unknown, q: Record<string, string>) => void; onShow?: (this: unknown) => void } & Record<string, unknown>
type Globals = Record<string, unknown> & {
  wx: Record<string, unknown>
  Component: (def: Record<string, unknown>) => void
  __taroApp?: { onLaunch?: (this: unknown, o: unknown) => void }
}
const g = globalThis as unknown as Globals

export const outDir = path.resolve(__dirname, '../../miniprogram')

/** `wx` APIs the app touches beyond what miniprogram-simulate mocks, set before app.js loads. */
export function installWx (extra: Record<string, unknown>): void {
  Object.assign(g.wx, extra)
}

export function loadTaroPage (pagePath: string, query: Record<string, string> = {}) {
  // Re-run app.js, taro.js and runtime.js on every load (Jest's registry would cache them).
  jest.resetModules()
  // A fresh webpack JSONP queue: runtime.js installs its push handler on it.
  g.wx.webpackJsonp = []
  // miniprogram-simulate provides Component() only: shim the app and page globals.
  g.App = (opts: Globals['__taroApp']) => { g.__taroApp = opts }
  g.getApp = () => g.__taroApp
  g.getCurrentPages = () => []
  g.Page = (opts: PageOptions) => g.Component({
    data: opts.data,
    methods: opts, // onLoad/onShow and the `eh` handler base.wxml binds every event to
    lifetimes: {
      // As the platform does: onLoad, then onShow.
      attached (this: unknown) { opts.onLoad?.call(this, query); opts.onShow?.call(this) }
    }
  })
  require(path.join(outDir, 'app.js')) // pulls in runtime.js, taro.js, vendors.js, common.js
  const app = g.__taroApp
  app?.onLaunch?.call(app, { path: pagePath, query })

  const id = simulate.load(path.join(outDir, pagePath), 'taro-page', { rootPath: outDir, compiler: 'official' })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** Taro mounts React and calls setData asynchronously: poll until `check` stops throwing. */
// 10 s: the compiled page's first render took over 3 s on a busy machine; a passing check returns at once.
export async function waitFor<T> (check: () => T, timeoutMs = 10_000): Promise<T> {
  const start = Date.now()
  for (;;) {
    try {
      return check()
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await simulate.sleep(10)
    }
  }
}
