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
  displayTitle: '显示',
  elderMode: '长辈版',
  elderModeHint: '字更大，按钮更大，更好点',
  switchPersona: '切换身份',
  switchPersonaHint: '仅在电脑演示时使用'
} as const
