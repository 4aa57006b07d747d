/** Every Chinese word the 我的 page shows. */
export const meCopy = {
  navTitle: '我的',
  unknownName: '还没有登记',
  rolesLabel: '身份',
  noRoles: '暂无',
  unregisteredHint: '社区还没有登记您的信息，请到社区服务大厅办理。',
  loading: '正在加载…',
  loadFailed: '没能取到您的信息，请稍后再试',
  retry: '再试一次',
  mineTitle: '我的事务',
  inbox: '消息',
  unread: (n: string) => `${n} 条未读`,
  myData: '我的数据',
  myDataHint: '查看、导出或申请删除社区保存的您的信息',
  survey: '居民满意度调查',
  join: '社区工作人员加入',
  joinHint: '有邀请码的网格员、社工在这里加入',
  displayTitle: '显示',
  elderMode: '长辈版',
  elderModeHint: '字更大，按钮更大，更好点',
  switchPersona: '切换身份',
  switchPersonaHint: '仅在电脑演示时使用'
} as const
