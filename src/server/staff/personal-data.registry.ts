/**
 * Where Linli keeps personal data (PIPL: 查阅、复制、删除), one line per collection and field.
 * "My data" reads every line; a confirmed deletion applies each line's `erase` rule. A context
 * that stores something about a person adds its lines here (nothing else to change); a line whose
 * collection doesn't exist in this environment is skipped.
 *
 * erase:
 *   'delete'        the documents go
 *   { anonymise }   the documents stay (the community must keep them: verified volunteer hours,
 *                   household registers) with these fields overwritten
 *   'keep'          kept unchanged, with the reason shown to the resident (audit entries: the log
 *                   is append-only and kept for accountability; once the account is gone the
 *                   OPENID in it no longer leads to a name)
 */
export type Identifier = 'openId' | 'memberId' | 'householdId'

export interface PersonalDataLine {
  collection: string
  /** The field holding the identifier (`_id` when the document is keyed by it). */
  field: string
  holds: Identifier
  /** What the resident sees this as. */
  label: string
  erase: 'delete' | 'keep' | { anonymise: Record<string, unknown> }
  /** Why it is kept or anonymised rather than deleted. */
  why?: string
}

export const ERASED_NAME = '已注销用户'

export const personalData: PersonalDataLine[] = [
  // community
  { collection: 'users', field: '_id', holds: 'openId', label: '账号信息', erase: 'delete' },
  {
    collection: 'members', field: '_id', holds: 'memberId', label: '居民登记信息',
    erase: { anonymise: { name: ERASED_NAME, phone: null } }, why: '户籍登记按规定保留，姓名与电话已清除'
  },
  { collection: 'households', field: '_id', holds: 'householdId', label: '住户信息', erase: 'keep', why: '住户信息属于全家，不随个人删除' },
  { collection: 'members', field: 'householdId', holds: 'householdId', label: '家庭成员', erase: 'keep', why: '其他家庭成员的信息不随个人删除' },
  { collection: 'children', field: 'guardianUserId', holds: 'openId', label: '登记的孩子', erase: 'delete' },
  { collection: 'consents', field: 'guardianUserId', holds: 'openId', label: '监护人同意书', erase: 'delete' },
  { collection: 'elders', field: 'memberId', holds: 'memberId', label: '老人档案', erase: 'delete' },
  {
    collection: 'volunteers', field: 'memberId', holds: 'memberId', label: '志愿者档案',
    erase: { anonymise: { name: ERASED_NAME, userId: null } }, why: '已认证的志愿服务时长须保留，姓名已清除'
  },
  // notifications
  { collection: 'inbox', field: 'to', holds: 'openId', label: '消息', erase: 'delete' },
  { collection: 'grants', field: 'openId', holds: 'openId', label: '订阅消息授权', erase: 'delete' },
  { collection: 'notify_prefs', field: '_id', holds: 'openId', label: '消息设置', erase: 'delete' },
  { collection: 'follow_ups', field: 'openId', holds: 'openId', label: '电话回访记录', erase: { anonymise: { name: ERASED_NAME, phone: null } }, why: '回访工作记录须保留，姓名与电话已清除' },
  // staff
  { collection: 'staff_survey_answers', field: 'openId', holds: 'openId', label: '满意度调查答卷', erase: { anonymise: { openId: null, comment: '' } }, why: '统计结果保留，答卷不再关联到您' },
  { collection: 'audit', field: 'actor', holds: 'openId', label: '操作记录', erase: 'keep', why: '审计日志只增不改，依规保留' }
]
