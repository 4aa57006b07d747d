/** The staff context's stored records. */
import type { Role } from '../community/roles'

/**
 * Roles an invite code can carry: the staff side (a community's admin invites) and the street's (a street admin
 * invites); residents bind with their household code.
 */
export const invitableRoles = [
  'grid_worker',
  'staff',
  'admin',
  'street_staff',
  'street_admin'
] as const satisfies readonly Role[]

/**
 * The street office's own records (issue 20): street role invites and a street role's ledger exports. Kept as if a
 * community of their own, so a street role, read-only in every community, writes only here; no community is ever
 * given this id (a community's id names a `communities` document, and no `_id` there starts with '@').
 */
export const STREET_OFFICE_SCOPE = '@street'
export type InvitableRole = (typeof invitableRoles)[number]

/** `staff_invites`, `_id` = the code itself, so a code names exactly one invite. */
export interface InviteRecord {
  _id: string
  role: InvitableRole
  /** The grid a grid worker will look after; null for other roles. */
  gridId: string | null
  /** The invitee's name, as the admin typed it: their account's name when they join. */
  name: string
  createdBy: string
  createdAt: Date
  expiresAt: Date
  /** OPENID of whoever redeemed it; set once, by one conditional update. */
  usedBy: string | null
  usedAt: Date | null
}

/** `staff_erasures`, `_id` = the requester's OPENID: one open request per person. */
export interface ErasureRecord {
  _id: string
  status: 'pending' | 'processing' | 'done'
  name: string
  gridId: string | null
  requestedAt: Date
  confirmedBy: string | null
  doneAt: Date | null
  /** What was deleted or anonymised, per collection (counts only); while `processing`, so far. */
  outcome: Record<string, { deleted: number; anonymised: number; kept: number }> | null
  /** When staff confirmed it (pending → processing): a run older than its timeout has stopped. */
  processingAt?: Date | null
  /** While `processing`: the person's other identifiers, read before their account is erased. */
  memberId?: string | null
  householdId?: string | null
  /** While `processing`: the registry lines (`collection:field`) already applied. */
  linesDone?: string[]
}

export type ExportStatus = 'running' | 'writing' | 'done' | 'failed'

/** `staff_exports`: one ledger export, built a page (1000 rows) per step so progress shows. */
export interface ExportJobRecord {
  _id: string
  kind: string
  title: string
  /** The grid the rows are limited to (grid workers), or null for the whole community. */
  gridId: string | null
  createdBy: string
  createdAt: Date
  status: ExportStatus
  total: number
  done: number
  /** Pages written so far; the next step writes page `pages`. */
  pages: number
  /** `_id` of the last source record exported: the next page starts after it. */
  lastKey: string | null
  fileName: string | null
  fileParts: number
  fileBytes: number
  /**
   * A street role's job (issue 20): the communities whose records it reads, one after another, with their names;
   * absent for a community's own job (its rows are the job's community's).
   */
  sources?: Array<{ communityId: string; name: string }>
  /** Which of `sources` is being read; `lastKey` is within it. */
  at?: number
  /** The street's ledger: each row begins with its community (社区). */
  communityColumn?: boolean
}

export interface SurveyRecord {
  _id: string
  title: string
  aspects: string[]
  opensAt: Date
  closesAt: Date
  createdBy: string
  createdAt: Date
}

/** `staff_survey_answers`, `_id` = `${surveyId}:${openId}`: one answer per person and survey. */
export interface SurveyAnswerRecord {
  _id: string
  surveyId: string
  openId: string
  gridId: string | null
  /** 1–5 per aspect, in the survey's aspect order. */
  scores: number[]
  comment: string
  at: Date
}
