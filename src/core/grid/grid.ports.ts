/**
 * What the grid use cases need from storage, the community and the platform. Every conditional write answers whether
 * it applied, so the use case decides what a lost race means.
 */
import type { ContentCheckPort } from '../notifications/content-check.ports'
import type { NotifyPort } from '../notifications/notify.ports'
import type { AuditPort } from '../shared/audit'
import type { Clock } from '../shared/clock'
import type { PhotoStore } from '../shared/photo-store.ports'

// ---- reports (随手拍/报事) ----------------------------------------------------------------------------------------

// ---- patrols (巡查) -------------------------------------------------------------------------------------------------

// ---- household visits (走访) ----------------------------------------------------------------------------------------

// ---- inspections (巡检) and figures ---------------------------------------------------------------------------------

export interface GridDeps {
  // ---- reports
  photos: PhotoStore
  // ---- patrols
  // ---- visits
  // ---- inspections and figures
  notify: NotifyPort
  contentCheck: ContentCheckPort
  audit: AuditPort
  clock: Clock
  newId: (prefix?: string) => string
}
