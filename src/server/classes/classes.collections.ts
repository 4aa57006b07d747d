/** The after-school class's collections and indexes (children and consents are the community's). */
import type { CollectionSpec } from '../db/collection-spec'

export const classesCollections: CollectionSpec[] = [
  {
    name: 'class_terms',
    indexes: [
      { name: 'createdAt', keys: { createdAt: -1 } },
      { name: 'promote', keys: { seatsLeft: 1, waiting: 1 } }
    ]
  },
  // _id `${termId}:${date}`
  // tutorIds: an erased tutor is taken off their sessions (staff/personal-data.registry.ts)
  {
    name: 'class_sessions',
    indexes: [
      { name: 'termId', keys: { termId: 1, date: 1 } },
      { name: 'date', keys: { date: 1 } },
      { name: 'tutorIds', keys: { tutorIds: 1 } }
    ]
  },
  // _id `${termId}:${childId}`: one place per child per term
  {
    name: 'class_enrolments',
    indexes: [
      { name: 'line', keys: { termId: 1, status: 1, waitSeq: 1 } },
      { name: 'guardianUserId', keys: { guardianUserId: 1 } },
      // a co-guardian's "my enrolments" reads their children's enrolments whoever made them
      { name: 'childId', keys: { childId: 1, requestedAt: -1 } },
      { name: 'offers', keys: { status: 1, offerExpiresAt: 1 } }
    ]
  },
  // single-session bookings (单次报名), _id `${sessionId}:${childId}`
  {
    name: 'class_bookings',
    indexes: [
      { name: 'sessionId', keys: { sessionId: 1, status: 1 } },
      { name: 'termId', keys: { termId: 1, status: 1 } },
      { name: 'guardianUserId', keys: { guardianUserId: 1 } },
      // the half-done timer's pending bookings
      { name: 'pending', keys: { status: 1, updatedAt: 1 } }
    ]
  },
  // co-guardian invitations (共同监护人邀请码), _id `guardian-invite-${code}`, valid 24 h
  // joinPending: the half-done timer's unfinished joins
  {
    name: 'guardian_invites',
    indexes: [
      { name: 'invitedBy', keys: { invitedBy: 1 } },
      { name: 'acceptedBy', keys: { acceptedBy: 1 } },
      { name: 'childId', keys: { childId: 1 } },
      { name: 'joinPending', keys: { joinPending: 1, acceptedAt: 1 } }
    ]
  },
  // code entries per person in the current hour (_id = OPENID): guessing codes is cut off
  { name: 'guardian_invite_attempts', indexes: [] },
  // _id `${sessionId}:${childId}`
  {
    name: 'class_attendance',
    indexes: [
      { name: 'sessionId', keys: { sessionId: 1 } },
      { name: 'termId', keys: { termId: 1 } },
      { name: 'notCollected', keys: { overdueAlertedAt: 1, sessionEndsAt: 1 } },
      // a tutor's own entries, shown in their "my data" (staff/personal-data.registry.ts)
      { name: 'markedBy', keys: { markedBy: 1 } },
      { name: 'pickupConfirmedBy', keys: { 'pickup.confirmedBy': 1 } }
    ]
  }
]
