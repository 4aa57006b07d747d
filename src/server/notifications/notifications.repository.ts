/** The notifications context's storage reads used by other contexts. */
import type { Db } from '../db/client'
import { countWhere } from '../db/client'

// Read by staff (dashboard, exports, erasure)
// The staff context reads the phone follow-up list only through this (the workbench's 待办).

/** Follow-ups (电话回访) still open, of one grid or all. */
export async function countOpenFollowUpsForStaff (db: Db, gridId: string | null): Promise<number> {
  return await countWhere(db, 'follow_ups', { status: 'open', ...(gridId ? { gridId } : {}) })
}
