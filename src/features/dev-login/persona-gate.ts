/**
 * H5 only (the local cloud's dev login): nobody is anybody until a persona is picked. A link
 * opened without one goes to the picker first — before any page renders, so no page calls a
 * function it can't (a 401) — and the picker returns to that link once someone is chosen.
 */
import { getPersonaOpenId } from '@/api'

export const DEV_LOGIN_PATH = '/pages/dev-login/index'
export const HOME_PATH = '/pages/home/index'

/** A page of this app to return to; anything else (another site, the picker itself) is refused. */
export function safeBack(back: string | undefined | null): string | null {
  if (!back) return null
  let path: string
  try {
    path = decodeURIComponent(back)
  } catch {
    return null
  }
  if (!/^\/pages\/[a-z-]+\/[a-z-]+(\?[^#\s]*)?$/.test(path)) return null
  return path.startsWith(DEV_LOGIN_PATH) ? null : path
}

/** The picker's URL that leads back to `route` (a hash route such as '/pages/x/y?id=1'). */
export function pickerUrl(route: string): string {
  const back = safeBack(encodeURIComponent(route))
  return back && back !== HOME_PATH ? `${DEV_LOGIN_PATH}?back=${encodeURIComponent(back)}` : DEV_LOGIN_PATH
}

/**
 * Run once in app.ts, before Taro's router reads the address: without a persona, rewrite the
 * hash route to the picker (replaceState, so Back doesn't return to the page that can't load).
 */
export function sendToPickerWithoutPersona(
  loc: Pick<Location, 'hash' | 'pathname' | 'search'>,
  hist: Pick<History, 'replaceState' | 'state'>
): boolean {
  if (getPersonaOpenId() !== null) return false
  const route = loc.hash.replace(/^#/, '')
  if (route.startsWith(DEV_LOGIN_PATH)) return false
  hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}#${pickerUrl(route)}`)
  return true
}
