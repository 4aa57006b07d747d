import type { HomeTile } from '@/core/community/home.schemas'

/**
 * Where each tile goes, for the contexts this build contains. The server says whether a context
 * is open; a tile for a page this build does not have yet still shows "即将开放".
 */
export const tileRoutes: Partial<Record<HomeTile['key'], string>> = {
  community: '/pages/community/index',
  notifications: '/pages/notifications/index',
  'elder-care': '/pages/elder-care/index',
  sos: '/pages/elder-care/sos',
  classes: '/pages/classes/index',
  staff: '/pages/staff/index',
  volunteers: '/pages/volunteers/index',
  'service-card': '/pages/service-card/index',
  grid: '/pages/grid/index'
}

export function tileRoute(tile: HomeTile): string | null {
  return tile.available ? (tileRoutes[tile.key] ?? null) : null
}
