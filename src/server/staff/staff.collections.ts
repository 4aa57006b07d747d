/** The staff context's collections (declared here, spread into src/server/db/collections.ts). */
import type { CollectionSpec } from '../db/collection-spec'

export const staffCollections: CollectionSpec[] = [
  // _id = the invite code itself
  { name: 'staff_invites', indexes: [{ name: 'createdAt', keys: { createdAt: -1 } }] },
  // _id 'admins': how many admins there are (see AdminSeats)
  { name: 'staff_counters', indexes: [] },
  // _id = the requester's OPENID
  { name: 'staff_erasures', indexes: [{ name: 'status', keys: { status: 1, requestedAt: -1 } }] },
  { name: 'staff_exports', indexes: [{ name: 'createdBy', keys: { createdBy: 1, createdAt: -1 } }] },
  // _id = `${jobId}:${page}`: a page of rows, written once per step
  { name: 'staff_export_pages', indexes: [{ name: 'jobId', keys: { jobId: 1 } }] },
  // _id = `${jobId}:${part}`: the .xlsx file in base64 parts a client call can carry
  { name: 'staff_export_files', indexes: [{ name: 'jobId', keys: { jobId: 1 } }] },
  { name: 'staff_surveys', indexes: [{ name: 'opensAt', keys: { opensAt: -1 } }] },
  // _id = `${surveyId}:${openId}`: one answer per person
  { name: 'staff_survey_answers', indexes: [{ name: 'surveyId', keys: { surveyId: 1 } }] }
]
