/** Every Chinese word the staff workbench pages show. */
export const staffCopy = {
  navTitle: '工作台',
  loading: '正在加载…',
  retry: '再试一次',
  noData: '暂无数据',
  nothingHere: '这里还没有内容',
  more: '加载更多',
  notRegistered: '请先完成社区身份登记，或输入邀请码加入',
  joinLink: '我有邀请码',
  todoTitle: '待办',
  todoTitleGrid: '待办（我的网格）',
  todoNone: '现在没有等您处理的事。居民的新申请、需要派单的服务、要打电话的居民都会出现在这里。',
  todoCount: (n: number) => `${n} 件`,
  menuSection: '常用功能',
  menuTitle: (name: string | null) => name ? `${name}，您好` : '您好',

  // join
  joinNav: '凭邀请码加入',
  joinIntro: '请输入管理员给您的 8 位邀请码。',
  codeLabel: '邀请码',
  codePlaceholder: '例如 ABCD2345',
  join: '加入',
  joined: (role: string) => `加入成功，您现在是${role}。`,
  toWorkbench: '进入工作台',

  // roles
  rolesNav: '人员与权限',
  inviteTitle: '发邀请码',
  inviteName: '姓名',
  inviteRole: '担任',
  inviteGrid: '负责网格',
  inviteCreate: '生成邀请码',
  inviteMade: (name: string, role: string) => `请把下面的邀请码交给${name}（${role}），7 天内有效，只能用一次：`,
  openInvites: '未使用的邀请码',
  usersTitle: '人员',
  grant: '授予',
  revoke: '撤销',
  roleReason: '调整原因',
  roleReasonDefault: '工作调整',
  changed: '已更新',
  unchanged: '没有变化',
  grantAsk: (name: string, role: string) => `给 ${name} 加上「${role}」身份？`,
  revokeAsk: (name: string, role: string) => `取消 ${name} 的「${role}」身份？`,
  roleAskDetail: (role: string, reason: string) => role === 'admin'
    ? `管理员可以分配所有人的身份、查看审计记录。原因：${reason}（会记入审计）`
    : `原因：${reason}（会记入审计）`,
  roleLabels: { resident: '居民', guardian: '家长', elder: '老人', volunteer: '志愿者', tutor: '辅导老师', grid_worker: '网格员', staff: '社工', admin: '管理员' } as Record<string, string>,
  expires: (day: string) => `有效期至 ${day}`,

  // audit
  auditNav: '审计日志',
  auditActor: '操作人（账号）',
  auditAction: '操作（如 staff.grant-role）',
  auditTarget: '对象（如 users/账号）',
  auditFrom: '开始日期 YYYY-MM-DD',
  auditTo: '结束日期 YYYY-MM-DD',
  search: '查询',
  onBehalf: (who: string) => `代 ${who} 办理`,
  /** The staff context's audit actions in words; other contexts' codes are shown as they are. */
  actionLabels: {
    'staff.create-invite': '生成邀请码', 'staff.redeem-invite': '凭邀请码加入', 'staff.grant-role': '授予角色', 'staff.revoke-role': '撤销角色',
    'staff.export-my-data': '导出本人数据', 'staff.request-erasure': '申请删除个人信息', 'staff.confirm-erasure': '确认删除个人信息',
    'staff.start-export': '开始导出台账', 'staff.export-done': '台账导出完成', 'staff.remove-old-exports': '清理过期导出文件',
    'staff.publish-survey': '发布满意度调查', 'staff.answer-survey': '填写满意度调查', 'community.seed-demo': '写入演示数据'
  } as Record<string, string>,

  // my data
  myDataNav: '我的数据',
  myDataIntro: '这里是邻里保存的关于您和您家庭的全部信息。',
  records: (n: number) => `${n} 条`,
  onDelete: { delete: '申请删除后将删除', anonymise: '申请删除后将匿名保留', keep: '依规保留' } as Record<string, string>,
  exportJson: '导出我的数据',
  exported: (file: string) => `已导出：${file}`,
  copiedJson: '数据已复制，可粘贴保存',
  askDelete: '申请删除我的数据',
  askDeleteConfirm: '确认申请删除？工作人员确认后，您的账号和个人信息将被删除，需保留的记录将匿名保存。',
  confirmDelete: '确认申请',
  cancel: '取消',
  deletePending: '删除申请已提交，等待工作人员确认。',
  /** Field names of stored records, as a resident reads them; fields not listed aren't shown (the export has them all). */
  fieldLabels: {
    name: '姓名', phone: '电话', gender: '性别', birthYear: '出生年份', relation: '与户主关系', door: '门牌', room: '房号',
    partyMember: '党员', title: '标题', body: '内容', status: '状态', state: '状态', itemName: '事项', residentName: '居民',
    childName: '孩子', elderName: '老人', serviceName: '服务', school: '学校', grade: '年级', window: '窗口', place: '地点',
    hours: '时长（小时）', note: '备注', comment: '意见', livesAlone: '独居'
  } as Record<string, string>,
  yes: '是',
  no: '否',

  // erasures
  erasuresNav: '删除申请',
  erasureConfirm: '确认删除',
  erasureDone: '已删除',
  requestedAt: (t: string) => `申请时间 ${t}`,

  // exports
  exportsNav: '台账导出',
  exportsIntro: '选择要导出的台账，生成 Excel 表格。',
  exportStart: '导出',
  exportProgress: (done: number, total: number, percent: number) => `正在导出 ${done}/${total} 行（${percent}%）`,
  exportReady: (file: string) => `已生成：${file}`,
  exportSaved: (file: string) => `已下载：${file}`,
  exportAgain: '下载',

  // dashboard
  dashboardNav: '数据看板',
  week: '本周',
  month: '本月',
  allGrids: '全社区',
  unavailable: '暂无数据',

  // survey
  surveyNav: '满意度调查',
  surveyNone: '现在没有进行中的调查。',
  surveyDone: '您已填写过这份调查，谢谢！',
  surveyThanks: '提交成功，谢谢您的评价！',
  surveySubmit: '提交',
  surveyPick: '请为每一项打分',
  scoreLabels: ['很不满意', '不满意', '一般', '满意', '很满意'],
  resultsNav: '满意度结果',
  resultsNone: '还没有发布过调查。',
  answers: (n: number) => `${n} 份答卷`,
  publishTitle: '发布新调查',
  publishName: '调查名称',
  publishAspects: '8 个评价方面（用逗号分开）',
  publishOpens: '开始日期 YYYY-MM-DD',
  publishCloses: '结束日期 YYYY-MM-DD',
  publish: '发布',
  published: '已发布',
  defaultAspects: '环境卫生,治安秩序,办事效率,服务态度,为老服务,儿童关爱,文体活动,信息公开'
} as const
