/**
 * A stand-in for WeChat's runtime around Taro's compiled output (miniprogram/), for tests in
 * miniprogram-simulate. Two layers, as on the phone:
 *  - the logic layer (AppService): app.js, taro.js, vendors and every page's JS run in their own
 *    `vm` realm whose globals are only WeChat's (wx, App, Page, Component, getApp,
 *    getCurrentPages, require/module/exports, timers, console). No window, document, btoa,
 *    fetch, URL, TextEncoder, process…: code that works only because the test runs in a browser
 *    fails here as it would on a phone. Strings are not compiled to code (no eval /
 *    new Function), which WeChat refuses too.
 *    https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/env.html
 *    https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html
 *  - the view layer: miniprogram-simulate (j-component + exparser over jsdom) renders the WXML,
 *    compiled by the official wcc compiler, and delivers taps and inputs to the logic layer.
 * `wx` is miniprogram-simulate's API surface (names that exist in WeChat) with recording fakes
 * for what the pages use: cloud.callFunction goes to the local cloud as the persona, navigation
 * opens the real compiled page, showModal waits for the test to answer, phone features record.
 * Recipe and limits: research/taro.md §5. It leans on miniprogram-simulate internals (its
 * `runJs` hook and Page mapped to Component), so it is a test harness, not an API.
 */
import fs from 'fs'
import http from 'http'
import path from 'path'
import vm from 'vm'
import * as simulate from 'miniprogram-simulate'
import { randomBytes } from 'crypto'
import { DEV_STORAGE_BATCH_PATH, DEV_UPLOAD_PATH } from '../../src/local-cloud/env'

export const outDir = path.resolve(__dirname, '../../miniprogram')

type Fn = (...args: any[]) => any
type Definition = Record<string, any>
/** A rendered node; `detach` is on the root j-component returns, missing from the types. */
type JNode = ReturnType<typeof simulate.render> & { detach: () => void }

// miniprogram-simulate runs a component's JS with `require` (utils.runJs) and registers what it
// passes to the global Component(). We route that JS into the app's realm instead.
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void }
const simulateApi = require('miniprogram-simulate/src/api') as Record<string, unknown>
const registerComponent = (globalThis as unknown as { Component: (def: Definition) => void }).Component
let loadingApp: MiniProgram | null = null
simulateUtils.runJs = (file: string) => {
  if (!loadingApp) throw new Error(`no mini-program is loading ${file}`)
  loadingApp.runComponentJs(file)
}

/** Compiled once per test file; each app launch runs them in its own realm. */
const scripts = new Map<string, vm.Script>()
function script(file: string): vm.Script {
  let s = scripts.get(file)
  if (!s) {
    const source = fs.readFileSync(file, 'utf8')
    s = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename: file })
    scripts.set(file, s)
  }
  return s
}

const appJson = (): {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string }> }
} => JSON.parse(fs.readFileSync(path.join(outDir, 'app.json'), 'utf8'))

/** Every page of app.json (main package and subpackages), as 'pages/x/index'. */
export function appPages(): string[] {
  const app = appJson()
  return [...app.pages, ...app.subPackages.flatMap(p => p.pages.map(page => `${p.root}/${page}`))]
}

export interface Call {
  api: string
  args: unknown[]
}
export interface Modal {
  title?: string
  content?: string
  confirmText?: string
  answer: (confirm: boolean) => void
}
export interface CloudCall {
  name: string
  data: { action: string; payload?: unknown; requestId?: string }
  result?: any
}

export interface MiniProgramOptions {
  /** The local cloud's port: wx.cloud.callFunction posts to /functions/<name> there. */
  cloudPort: number
  /** The persona's OPENID (the local cloud's dev login, X-WX-OPENID). */
  openId: string
  /** WeChat's font size setting in px (16 = standard; the elderly often raise it). */
  fontSizeSetting?: number
}

/** POST /functions/<name> of the local cloud as `openId` (dev login): what a phone's call becomes. */
export function callCloud(
  port: number,
  name: string,
  openId: string,
  body: unknown
): Promise<{ status: number; body: any }> {
  return postCloud(port, `/functions/${name}`, body, { 'x-wx-openid': openId })
}

/**
 * Stops the functions' clock at `at` (the local cloud's dev endpoint), or frees it with null: for a
 * page whose content depends on the time of day (the meal order's 09:30 cutoff).
 */
export async function setCloudClock(port: number, at: Date | null): Promise<void> {
  const res = await postCloud(port, '/dev/clock', { at: at?.toISOString() ?? null })
  if (res.status !== 200) throw new Error(`setting the clock failed: ${res.status} ${JSON.stringify(res.body)}`)
}

/**
 * A POST to the local cloud with node:http (the weapp tests run in jsdom, which has no fetch), answered with JSON.
 * With `onProgress` the body goes in two halves, each reported once written (an UploadTask's progress).
 */
function postBytes(
  port: number,
  path: string,
  bytes: Buffer,
  headers: Record<string, string>,
  onProgress?: (sent: number) => void
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-length': bytes.length, ...headers } },
      res => {
        let out = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => {
          out += d
        })
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(out) })
          } catch (e) {
            reject(e)
          }
        })
      }
    )
    req.on('error', reject)
    if (!onProgress) {
      req.end(bytes)
      return
    }
    const half = Math.ceil(bytes.length / 2)
    req.write(bytes.subarray(0, half), () => onProgress(half))
    req.end(bytes.subarray(half), () => onProgress(bytes.length))
  })
}

/** A JSON POST to the local cloud. */
function postCloud(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: any }> {
  return postBytes(port, path, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json', ...headers })
}

/** A phone's upload to the local cloud's storage: its dev upload, as `openId`. */
function uploadToCloud(
  port: number,
  cloudPath: string,
  openId: string,
  bytes: Buffer,
  onProgress: (sent: number) => void
): Promise<{ status: number; body: any }> {
  const headers = { 'content-type': 'application/octet-stream', 'x-wx-openid': openId }
  return postBytes(port, `${DEV_UPLOAD_PATH}?cloudPath=${encodeURIComponent(cloudPath)}`, bytes, headers, onProgress)
}

/** A page on the stack: the rendered component and the route it was opened with. */
export class PageHandle {
  constructor(
    readonly app: MiniProgram,
    readonly route: string,
    readonly query: Record<string, string>,
    readonly node: JNode
  ) {}

  get dom(): HTMLElement {
    return this.node.dom as HTMLElement
  }
  text(): string {
    return this.dom.textContent ?? ''
  }

  /** Waits until the page's text contains `expected` (or matches it). */
  async waitForText(expected: string | RegExp, timeoutMs = 8000): Promise<string> {
    return await waitFor(() => {
      const text = this.text()
      if (typeof expected === 'string' ? !text.includes(expected) : !expected.test(text)) {
        throw new Error(
          `page ${this.route} as ${this.app.openId} never showed ${String(expected)}; it shows:\n${text.slice(0, 1500)}`
        )
      }
      return text
    }, timeoutMs)
  }

  /**
   * Elements matching a CSS selector on the rendered DOM. Write class names as in the TSX
   * (`.nut-button`): miniprogram-simulate prefixes the page's classes with its tag name.
   */
  all(selector: string, text?: string | RegExp): HTMLElement[] {
    const found = Array.from(
      this.dom.querySelectorAll<HTMLElement>(selector.replace(/\.(-?[A-Za-z_][\w-]*)/g, '.taro-page--$1'))
    )
    if (text === undefined) return found
    return found.filter(el =>
      typeof text === 'string' ? (el.textContent ?? '').includes(text) : text.test(el.textContent ?? '')
    )
  }

  /** The first element matching `selector` (and holding `text`), waiting for it to render. */
  async find(selector: string, text?: string | RegExp, timeoutMs = 8000): Promise<HTMLElement> {
    return await waitFor(() => {
      const el = this.all(selector, text)[0]
      if (!el)
        throw new Error(
          `no ${selector}${text === undefined ? '' : ` with ${String(text)}`} on ${this.route}; it shows:\n${this.text().slice(0, 1500)}`
        )
      return el
    }, timeoutMs)
  }

  /** Waits for the element (`selector`, holding `text`) and taps it. */
  async tapOn(selector: string, text?: string | RegExp): Promise<void> {
    await this.tap(await this.find(selector, text))
  }

  /** A finger tap on `el`, delivered as WeChat does (exparser `tap`, bubbling). */
  async tap(el: HTMLElement): Promise<void> {
    await this.dispatch(el, 'tap', {})
  }

  /** Typing into an <input>/<textarea>: WeChat fires `input` with the whole value. */
  async input(el: HTMLElement, value: string): Promise<void> {
    const field = el.matches('wx-input, wx-textarea') ? el : el.querySelector<HTMLElement>('wx-input, wx-textarea')
    if (!field) throw new Error(`no input in ${el.outerHTML.slice(0, 200)}`)
    await this.dispatch(field, 'input', { value, cursor: value.length, keyCode: 0 })
  }

  /** Delivers the event, then lets the page re-render (a person does not act faster than that). */
  async dispatch(el: HTMLElement, event: string, detail: Record<string, unknown>): Promise<void> {
    const node = (el as unknown as { __wxElement?: unknown }).__wxElement
    if (!node) throw new Error(`not a rendered WXML node: ${el.outerHTML.slice(0, 200)}`)
    new JComponent(node).dispatchEvent(event, { detail })
    await simulate.sleep(50)
  }
}

// j-component's node wrapper (not exported itself): the base class of RootComponent.
const JComponent = Object.getPrototypeOf(require('j-component/src/render/component')) as new (node: unknown) => JNode

/** One launch of the mini-program on one persona's phone. */
export class MiniProgram {
  readonly calls: Call[] = []
  readonly cloudCalls: CloudCall[] = []
  readonly errors: string[] = []
  readonly stack: PageHandle[] = []
  readonly openId: string
  private readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly definitions = new Map<string, Definition>()
  private readonly pageIds = new Map<string, string>()
  private readonly storage = new Map<string, string>()
  private readonly modals: Modal[] = []
  private readonly scans: string[] = []
  /** What wx.chooseMedia answers next (willChooseMedia), and the temp files it made (path → bytes). */
  private readonly media: Array<Array<{ name: string; bytes: Buffer }>> = []
  private readonly tempFiles = new Map<string, Buffer>()
  private readonly wx: Record<string, unknown>
  private app: Definition | null = null
  private loadingFile: string | null = null
  private opening: { route: string; query: Record<string, string> } | null = null
  private cloudInited = false
  private pending = 0
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly opts: MiniProgramOptions) {
    this.openId = opts.openId
    this.wx = this.makeWx()
    const self = this
    const sandbox: Record<string, unknown> = {
      wx: this.wx,
      App: (def: Definition) => {
        this.app = def
      },
      getApp: () => this.app,
      getCurrentPages: () => this.stack.map(p => p.node.instance),
      Component: (def: Definition) => this.define(def),
      Page: (def: Definition) => this.define(pageAsComponent(def, () => this.opening, this)),
      Behavior: (def: Definition) => (globalThis as unknown as { Behavior: Fn }).Behavior(def),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin(${name}): no plugins`)
      },
      setTimeout: (fn: Fn, ms?: number, ...a: unknown[]) => {
        const t: NodeJS.Timeout = setTimeout(() => {
          this.timers.delete(t)
          self.guard(fn, a)
        }, ms)
        return this.timer(t)
      },
      setInterval: (fn: Fn, ms?: number, ...a: unknown[]) => this.timer(setInterval(() => self.guard(fn, a), ms)),
      clearTimeout: (t: NodeJS.Timeout) => {
        this.timers.delete(t)
        clearTimeout(t)
      },
      clearInterval: (t: NodeJS.Timeout) => {
        this.timers.delete(t)
        clearInterval(t)
      },
      // What the app logs as an error (React's and Taro's included) is a failure of the page, and
      // so is Taro's warning that a Taro API has no wx API under it ("小程序暂不支持 x"): on the
      // phone that tap would do nothing.
      console: {
        ...console,
        error: (...a: unknown[]) => {
          this.errors.push(a.map(String).join(' '))
          console.error(...a)
        },
        warn: (...a: unknown[]) => {
          if (String(a[0]).startsWith('小程序暂不支持')) this.errors.push(a.map(String).join(' '))
          console.warn(...a)
        }
      }
    }
    this.context = vm.createContext(sandbox, {
      name: `weapp:${opts.openId}`,
      codeGeneration: { strings: false, wasm: false }
    })
    loadingApp = this
    this.require(path.join(outDir, 'app.js'))
    loadingApp = null
    if (!this.app) throw new Error('app.js did not call App()')
  }

  /** The app's timers, cleared when the app closes (the phone's WeChat kills them with it). */
  private timer(t: NodeJS.Timeout): NodeJS.Timeout {
    this.timers.add(t)
    return t
  }

  /** Errors thrown by timers inside the app are the app's failures: keep them for the test. */
  private guard(fn: Fn, args: unknown[]): void {
    try {
      fn(...args)
    } catch (e) {
      this.errors.push(String((e as Error)?.stack ?? e))
    }
  }

  /** WeChat's module system: each file runs once per launch, `require` relative to it. */
  require(file: string): unknown {
    const abs = file.endsWith('.js') ? file : `${file}.js`
    const cached = this.modules.get(abs)
    if (cached) return cached.exports
    const mod = { exports: {} }
    this.modules.set(abs, mod)
    const fn = script(abs).runInContext(this.context) as Fn
    fn((p: string) => this.require(path.resolve(path.dirname(abs), p)), mod, mod.exports)
    return mod.exports
  }

  /** simulate's hook: run a component's JS; a file already run (same launch) registers again. */
  runComponentJs(fileWithoutExt: string): void {
    const file = `${fileWithoutExt}.js`
    const known = this.definitions.get(file)
    if (known) {
      registerComponent(known)
      return
    }
    const outer = this.loadingFile
    this.loadingFile = file
    try {
      this.require(file)
    } finally {
      this.loadingFile = outer
    }
    if (!this.definitions.has(file)) throw new Error(`${file} registered no Page() or Component()`)
  }

  private define(def: Definition): void {
    if (!this.loadingFile) throw new Error('Component()/Page() called outside of loading a page or component')
    const bridged = bridgeSetData(def)
    this.definitions.set(this.loadingFile, bridged)
    registerComponent(bridged)
  }

  /** Launches the app on `route` (as opening it from a share card), or opens it on top. */
  open(route: string, query: Record<string, string> = {}): PageHandle {
    route = route.replace(/^\//, '')
    if (!appPages().includes(route)) throw new Error(`${route} is not a page of app.json`)
    if (this.stack.length === 0) {
      this.app!.onLaunch?.call(this.app, { path: route, query, scene: 1001 })
      this.app!.onShow?.call(this.app, { path: route, query, scene: 1001 })
    }
    let id = this.pageIds.get(route)
    loadingApp = this
    try {
      if (!id) {
        id = simulate.load(path.join(outDir, route), 'taro-page', { rootPath: outDir, compiler: 'official' })
        this.pageIds.set(route, id)
      }
      const node = simulate.render(id)
      const handle = new PageHandle(this, route, query, node)
      this.opening = { route, query }
      this.stack.at(-1)?.node.instance?.onHide?.()
      this.stack.push(handle)
      node.attach(document.createElement('parent-wrapper'))
      return handle
    } finally {
      this.opening = null
      loadingApp = null
    }
  }

  /** Runs `code` in the app's realm (what a page's code would see); for checks of the realm itself. */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.context)
  }

  /** The page on top of the stack. */
  get page(): PageHandle {
    const top = this.stack.at(-1)
    if (!top) throw new Error('no page is open')
    return top
  }

  calledApi(api: string): unknown[][] {
    return this.calls.filter(c => c.api === api).map(c => c.args)
  }

  /** Waits until `route` is the page on top (after a navigation the app asked for). */
  async waitForPage(route: string, timeoutMs = 8000): Promise<PageHandle> {
    return await waitFor(() => {
      const top = this.stack.at(-1)
      if (top?.route !== route)
        throw new Error(
          `expected ${route} on top, found ${top?.route ?? '(none)'}; navigations: ${JSON.stringify(this.calls.filter(c => /navigate|redirect|switchTab|reLaunch/.test(c.api)))}`
        )
      return top
    }, timeoutMs)
  }

  /** Waits for a wx.showToast whose title contains `text`. */
  async toast(text: string, timeoutMs = 8000): Promise<void> {
    await waitFor(() => {
      const titles = this.calledApi('showToast').map(([o]) => String((o as { title?: string })?.title))
      if (!titles.some(t => t.includes(text)))
        throw new Error(`no toast with ${text}; toasts: ${JSON.stringify(titles)}`)
    }, timeoutMs)
  }

  /** Waits for the next showModal and returns it, to answer as the person would. */
  async modal(timeoutMs = 8000): Promise<Modal> {
    return await waitFor(() => {
      const m = this.modals.shift()
      if (!m) throw new Error(`no showModal appeared on ${this.stack.at(-1)?.route ?? '(none)'}`)
      return m
    }, timeoutMs)
  }

  /** What the next wx.scanCode reads (else the person cancels the scan). */
  willScan(result: string): void {
    this.scans.push(result)
  }

  /**
   * The photos the person picks at the next wx.chooseMedia (in the album or with the camera). With none
   * queued, chooseMedia fails as when the person closes the picker ('chooseMedia:fail cancel').
   */
  willChooseMedia(files: Array<{ name: string; bytes: Buffer }>): void {
    this.media.push(files)
  }

  /** WeChat's API object of this phone, for tests that drive an API the pages don't reach yet. */
  get wxApi(): Record<string, any> {
    return this.wx
  }

  /** Resolves once no wx.cloud.callFunction is in flight. */
  async idle(timeoutMs = 8000): Promise<void> {
    await waitFor(() => {
      if (this.pending > 0) throw new Error(`${this.pending} cloud calls still in flight`)
    }, timeoutMs)
  }

  /** The person leaves the app: every page unloads and the app's timers stop. */
  close(): void {
    this.unloadAll()
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  private unloadAll(): void {
    while (this.stack.length) this.stack.pop()!.node.detach()
  }

  private pop(n: number): void {
    for (let i = 0; i < n && this.stack.length > 1; i++) this.stack.pop()!.node.detach()
    this.stack.at(-1)?.node.instance?.onShow?.()
  }

  private navigate(kind: string, url: string): string | null {
    const [rawPath, qs = ''] = url.split('?')
    const route = path.posix.normalize(
      rawPath.startsWith('/') ? rawPath.slice(1) : path.posix.join(path.posix.dirname(this.page.route), rawPath)
    )
    const tabs = (appJson().tabBar?.list ?? []).map(t => t.pagePath)
    // WeChat's own refusals: https://developers.weixin.qq.com/miniprogram/dev/api/route/wx.navigateTo.html
    if (!appPages().includes(route)) return `${kind}:fail page "${route}" is not found`
    if ((kind === 'navigateTo' || kind === 'redirectTo') && tabs.includes(route))
      return `${kind}:fail can not ${kind} a tabbar page`
    if (kind === 'switchTab' && !tabs.includes(route)) return `${kind}:fail can not switch to no-tabBar page`
    if (kind === 'navigateTo' && this.stack.length >= 10) return `${kind}:fail webview count limit exceed`
    const query: Record<string, string> = {}
    for (const part of qs.split('&').filter(Boolean)) {
      const [k, v = ''] = part.split('=')
      query[k] = v // WeChat hands onLoad the query as written, not URL-decoded
    }
    if (kind === 'redirectTo') this.stack.pop()?.node.detach()
    if (kind === 'reLaunch' || kind === 'switchTab') this.unloadAll()
    this.open(route, query)
    return null
  }

  private makeWx(): Record<string, unknown> {
    const storage = this.storage
    const record =
      (api: string, fn: Fn): Fn =>
      (...args: unknown[]) => {
        this.calls.push({ api, args })
        return fn(...args)
      }
    /** WeChat's async API shape: callbacks when given (the call answers `task`, if the API has one), else a Promise. */
    const answer = (p: Promise<unknown>, o: any, task?: unknown): unknown => {
      if (!o.success && !o.fail && !o.complete) return p
      p.then(
        r => {
          o.success?.(r)
          o.complete?.(r)
        },
        e => {
          o.fail?.(e)
          o.complete?.(e)
        }
      )
      return task
    }
    const asyncApi = (api: string, run: (o: any) => Promise<Record<string, unknown>>): Fn =>
      record(api, (o: any = {}) =>
        answer(
          run(o).then(r => ({ errMsg: `${api}:ok`, ...r })),
          o
        )
      )
    const fail = (errMsg: string, errCode?: number) =>
      Promise.reject(Object.assign(new Error(errMsg), { errMsg }, errCode === undefined ? {} : { errCode }))
    const notInited = (api: string) => fail(`${api}:fail Cloud API isn't enabled, please call wx.cloud.init first`)
    /** A phone's getTempFileURL / deleteFile: the local cloud answers per file under the storage rule. */
    const storageBatch = (api: string, op: 'getTempFileURL' | 'deleteFile') =>
      asyncApi(api, async ({ fileList }: { fileList?: unknown }) => {
        if (!this.cloudInited) return await notInited(api)
        // The client API takes fileIDs or { fileID, maxAge } objects (getTempFileURL's docs).
        const ids = Array.isArray(fileList) ? fileList.map(f => (typeof f === 'object' && f ? f.fileID : f)) : fileList
        const res = await postCloud(
          this.opts.cloudPort,
          DEV_STORAGE_BATCH_PATH,
          { op, fileList: ids },
          { 'x-wx-openid': this.openId }
        )
        if (res.status !== 200) return await fail(`${api}:fail ${res.body?.message ?? res.status}`, res.body?.errCode)
        return { fileList: res.body.fileList }
      })
    const later = <T>(v: T) => new Promise<T>(resolve => setTimeout(() => resolve(v), 0))

    const wx: Record<string, unknown> = {}
    // Every other API name WeChat has answers as miniprogram-simulate mocks it, recorded.
    for (const [k, v] of Object.entries(simulateApi)) wx[k] = typeof v === 'function' ? record(k, v as Fn) : v
    Object.assign(wx, {
      cloud: {
        init: record('cloud.init', () => {
          this.cloudInited = true
        }),
        callFunction: asyncApi(
          'cloud.callFunction',
          async ({ name, data }: { name: string; data: CloudCall['data'] }) => {
            // "在调用云开发各 API 前，需先调用初始化方法 init 一次":
            // https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/init/client.init.md
            if (!this.cloudInited)
              return await fail("cloud.callFunction:fail Cloud API isn't enabled, please call wx.cloud.init first")
            const call: CloudCall = { name, data }
            this.cloudCalls.push(call)
            this.pending++
            try {
              const res = await callCloud(this.opts.cloudPort, name, this.openId, data)
              // The platform answers a function that threw or is missing with a failed call, not a result.
              if (res.status !== 200)
                return await fail(`cloud.callFunction:fail ${res.status} ${JSON.stringify(res.body)}`)
              call.result = res.body
              return { result: res.body, requestID: `local-${this.cloudCalls.length}` }
            } finally {
              this.pending--
            }
          }
        ),
        // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/uploadFile/client.uploadFile.md
        // Callbacks given: answers an UploadTask (onProgressUpdate); none: a Promise. Failures: errCode and
        // `cloud.uploadFile:fail …`.
        uploadFile: record('cloud.uploadFile', (o: any = {}) => {
          const listeners: Fn[] = []
          const task = {
            onProgressUpdate: (cb: Fn) => listeners.push(cb),
            offProgressUpdate: (cb: Fn) => listeners.splice(listeners.indexOf(cb) >>> 0, 1),
            abort: () => undefined
          }
          const run = async (): Promise<Record<string, unknown>> => {
            await later(null)
            if (!this.cloudInited) return await notInited('cloud.uploadFile')
            if (typeof o.cloudPath !== 'string' || typeof o.filePath !== 'string')
              return await fail(
                'cloud.uploadFile:fail parameter error: cloudPath and filePath must be strings',
                -501007
              )
            const bytes = this.tempFiles.get(o.filePath)
            if (!bytes) return await fail(`cloud.uploadFile:fail file not found: ${o.filePath}`, -1)
            this.pending++
            try {
              const res = await uploadToCloud(this.opts.cloudPort, o.cloudPath, this.openId, bytes, sent => {
                const progress = Math.round((sent / bytes.length) * 100)
                for (const cb of listeners)
                  cb({ progress, totalBytesSent: sent, totalBytesExpectedToSend: bytes.length })
              })
              if (res.status !== 200)
                return await fail(`cloud.uploadFile:fail ${res.body?.message ?? res.status}`, res.body?.errCode)
              return { fileID: res.body.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
            } finally {
              this.pending--
            }
          }
          return answer(run(), o, task)
        }),
        getTempFileURL: storageBatch('cloud.getTempFileURL', 'getTempFileURL'),
        deleteFile: storageBatch('cloud.deleteFile', 'deleteFile')
      },
      // https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html
      chooseMedia: asyncApi('chooseMedia', async ({ count = 9 }: { count?: number }) => {
        const files = this.media.shift()
        if (!files) return await fail('chooseMedia:fail cancel')
        const tempFiles = files.slice(0, count).map(f => {
          const tempFilePath = `wxfile://tmp_${randomBytes(8).toString('hex')}${path.extname(f.name)}`
          this.tempFiles.set(tempFilePath, f.bytes)
          return {
            tempFilePath,
            size: f.bytes.length,
            duration: 0,
            height: 0,
            width: 0,
            thumbTempFilePath: '',
            fileType: 'image'
          }
        })
        return { tempFiles, type: 'image' }
      }),
      // https://developers.weixin.qq.com/miniprogram/dev/api/device/crypto/wx.getRandomValues.html
      getRandomValues: asyncApi('getRandomValues', async ({ length }: { length: number }) => {
        const bytes = randomBytes(length)
        return { randomValues: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length) }
      }),
      getStorageSync: record('getStorageSync', (k: string) => (storage.has(k) ? JSON.parse(storage.get(k)!) : '')),
      setStorageSync: record('setStorageSync', (k: string, v: unknown) => {
        storage.set(k, JSON.stringify(v))
      }),
      removeStorageSync: record('removeStorageSync', (k: string) => {
        storage.delete(k)
      }),
      clearStorageSync: record('clearStorageSync', () => {
        storage.clear()
      }),
      getStorage: asyncApi('getStorage', async ({ key }) =>
        storage.has(key) ? { data: JSON.parse(storage.get(key)!) } : await fail('getStorage:fail data not found')
      ),
      setStorage: asyncApi('setStorage', async ({ key, data }) => {
        storage.set(key, JSON.stringify(data))
        return {}
      }),
      removeStorage: asyncApi('removeStorage', async ({ key }) => {
        storage.delete(key)
        return {}
      }),
      showModal: asyncApi(
        'showModal',
        o =>
          new Promise(resolve => {
            this.modals.push({
              title: o.title,
              content: o.content,
              confirmText: o.confirmText,
              answer: confirm => resolve({ confirm, cancel: !confirm })
            })
          })
      ),
      scanCode: asyncApi('scanCode', async () => {
        const result = this.scans.shift()
        return result === undefined
          ? await fail('scanCode:fail cancel')
          : { result, scanType: 'QR_CODE', charSet: 'utf-8' }
      }),
      requestSubscribeMessage: asyncApi('requestSubscribeMessage', async ({ tmplIds }: { tmplIds: string[] }) =>
        Object.fromEntries((tmplIds ?? []).map(id => [id, 'accept']))
      ),
      makePhoneCall: asyncApi('makePhoneCall', async () => ({})),
      getAppBaseInfo: record('getAppBaseInfo', () => ({
        SDKVersion: '3.7.0',
        language: 'zh_CN',
        version: '8.0.50',
        fontSizeSetting: this.opts.fontSizeSetting ?? 16,
        theme: 'light'
      })),
      getDeviceInfo: record('getDeviceInfo', () => ({
        platform: 'android',
        system: 'Android 14',
        brand: 'devtools',
        model: 'test'
      }))
    })
    for (const kind of ['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']) {
      wx[kind] = asyncApi(kind, async ({ url }: { url: string }) => {
        await later(null)
        const refused = this.navigate(kind, url)
        return refused ? await fail(refused) : {}
      })
    }
    wx.navigateBack = asyncApi('navigateBack', async ({ delta = 1 }: { delta?: number } = {}) => {
      await later(null)
      this.pop(delta)
      return {}
    })
    return wx
  }
}

/**
 * WeChat creates a page from Page(options); miniprogram-simulate knows Component() only. The page
 * gets its route, then onLoad(query) and onShow when attached, onReady when ready, onUnload when
 * detached: the platform's order.
 */
function pageAsComponent(
  opts: Definition,
  opening: () => { route: string; query: Record<string, string> } | null,
  app: MiniProgram
): Definition {
  return {
    data: opts.data,
    methods: opts, // onLoad/onShow… and `eh`, the handler base.wxml binds every event to
    lifetimes: {
      attached(this: Record<string, any>) {
        const o = opening()
        if (!o) throw new Error('a page attached outside MiniProgram.open')
        this.route = o.route
        this.options = o.query
        try {
          opts.onLoad?.call(this, { ...o.query })
          opts.onShow?.call(this)
        } catch (e) {
          app.errors.push(String((e as Error)?.stack ?? e))
        }
      },
      ready(this: unknown) {
        opts.onReady?.call(this)
      },
      detached(this: unknown) {
        opts.onUnload?.call(this)
      }
    }
  }
}

/**
 * setData crosses from the logic layer to the view layer as serialized data (so only what JSON
 * carries arrives): https://developers.weixin.qq.com/miniprogram/dev/framework/performance/tips/runtime_setData.html
 * Here it also moves the data out of the app's realm into the view's.
 */
function bridgeSetData(def: Definition): Definition {
  const created = def.lifetimes?.created ?? def.created
  return {
    ...def,
    lifetimes: {
      ...def.lifetimes,
      created(this: { setData: Fn }) {
        const setData = this.setData
        this.setData = function (data: unknown, cb?: Fn) {
          return setData.call(this, JSON.parse(JSON.stringify(data)), cb)
        }
        created?.call(this)
      }
    }
  }
}

/** Taro mounts React and calls setData asynchronously: poll until `check` stops throwing. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const start = Date.now()
  for (;;) {
    try {
      return check()
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await simulate.sleep(15)
    }
  }
}
