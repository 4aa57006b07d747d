/**
 * The last home that loaded, kept on the device so a re-open shows at once (then refreshes).
 * One entry per identity: on H5 a browser may switch between demo personas.
 */
import Taro from '@tarojs/taro'
import * as z from 'zod'
import { homeSchema, type Home } from '@/core/community/home.schemas'
import { categoryView, type CategoryView } from '@/core/service-card/service-card.views'
import { getCommunityChoice, getPersonaOpenId } from '@/api'

export interface CachedHome {
  home: Home
  /** Epoch ms of the successful load. */
  savedAt: number
}

function cacheKey(): string {
  const who = process.env.TARO_ENV === 'h5' ? (getPersonaOpenId() ?? 'anonymous') : 'me'
  // One home per community too (issue 20): after a switch, the cached home shown first is that community's.
  const community = getCommunityChoice()
  return `linli.home.v1.${who}${community ? `@${community}` : ''}`
}

export function readCachedHome(): CachedHome | null {
  try {
    const raw: unknown = Taro.getStorageSync(cacheKey())
    if (typeof raw !== 'object' || raw === null) return null
    const { home, savedAt } = raw as { home?: unknown; savedAt?: unknown }
    const parsed = homeSchema.safeParse(home)
    // A cache written by an older build may not match today's schema: ignore it, don't crash.
    if (!parsed.success || typeof savedAt !== 'number') return null
    return { home: parsed.data, savedAt }
  } catch {
    return null
  }
}

export function writeCachedHome(entry: CachedHome): void {
  try {
    Taro.setStorageSync(cacheKey(), entry)
  } catch {
    // Out of storage: the page still works, it just won't open instantly next time.
  }
}

/** The service categories shown on the card, kept the same way (they change rarely). */
const CATEGORIES_KEY = 'linli.service-categories.v1'

export function readCachedCategories(): CategoryView[] | null {
  try {
    const parsed = z.array(categoryView).safeParse(Taro.getStorageSync(CATEGORIES_KEY))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function writeCachedCategories(cats: CategoryView[]): void {
  try {
    Taro.setStorageSync(CATEGORIES_KEY, cats)
  } catch {
    // Out of storage: the chips load from the network instead.
  }
}
