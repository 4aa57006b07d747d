/**
 * The `notifications` function's actions: the inbox, the subscribe-grant ledger, preferences,
 * and for staff the offline outbox, the phone follow-up list and community notices.
 */
import { policies } from '../../core/community/roles'
import { broadcast, broadcastAudience, broadcastProgress } from '../../core/notifications/broadcast.usecase'
import { followUpDone, followUps } from '../../core/notifications/follow-up.usecase'
import { reportGrants, templateIds } from '../../core/notifications/grants.usecase'
import { inboxList, markRead, unreadCount } from '../../core/notifications/inbox.usecase'
import { notificationsContract } from '../../core/notifications/notifications.contract'
import type { NotificationsDeps as UseCaseDeps } from '../../core/notifications/notifications.ports'
import { outboxList } from '../../core/notifications/outbox.usecase'
import { getPrefs, setPrefs } from '../../core/notifications/prefs.usecase'
import { auditWriter } from '../audit'
import type { Db } from '../db/client'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import { broadcastRepository, notificationsRepository } from './notifications.repository'
import { templatesFromEnv } from './templates.config'

/** The use cases' ports, and the database the function's minute job works on (due-work.ts). */
export type NotificationsDeps = UseCaseDeps & { db: Db }

export function notificationsDeps({ db, clock }: Infra = serverInfra()): NotificationsDeps {
  return {
    db,
    store: notificationsRepository(db),
    broadcasts: broadcastRepository(db),
    clock,
    audit: auditWriter(db, clock),
    templates: templatesFromEnv()
  }
}

export const notificationsActions = implement<NotificationsDeps, typeof notificationsContract>(notificationsContract, {
  inboxList: { roles: 'anyone', run: inboxList },
  unreadCount: { roles: 'anyone', run: unreadCount },
  markRead: { roles: 'anyone', run: markRead },
  templateIds: { roles: 'anyone', run: templateIds },
  reportGrants: { roles: 'anyone', run: reportGrants },
  getPrefs: { roles: 'anyone', run: getPrefs },
  setPrefs: { roles: 'anyone', run: setPrefs },
  outboxList: { roles: policies.staff, run: outboxList },
  // 网格员 see and tick off their own grid's entries (follow-up.usecase.ts).
  followUps: { roles: policies.workbench, run: followUps },
  followUpDone: { roles: policies.workbench, run: followUpDone },
  broadcast: { roles: policies.staff, run: broadcast },
  // The preview's figures: how many households (and people) a notice would reach now.
  broadcastAudience: { roles: policies.staff, run: broadcastAudience },
  broadcastProgress: { roles: policies.staff, run: broadcastProgress }
})
