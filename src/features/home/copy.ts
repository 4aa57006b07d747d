/** Every Chinese word the home page shows. Plain words, short sentences. */
export const homeCopy = {
  navTitle: '邻里',
  greeting: (name: string | null) => (name ? `${name}，您好` : '您好'),
  unregisteredHint: '社区还没有登记您的信息，请到社区服务大厅办理。',
  loading: '正在加载…',
  errorTitle: '没能打开首页',
  retry: '再试一次',
  retrying: '正在重试…',
  updatedAt: (hhmm: string) => `更新于 ${hhmm}`,
  staleNotice: (hhmm: string) => `暂时连不上网，下面是 ${hhmm} 的内容`,
  contactsTitle: '我的社区联系人',
  noContacts: '暂时还没有联系人',
  hotlineLabel: '社区服务热线',
  callSoon: '拨号功能即将开放，请先记下号码',
  tilesTitle: '办事',
  comingSoon: '即将开放',
  // Counts only for now (households, residents…); real to-dos arrive with the other contexts.
  workloadTitle: '社区概况',
  badResponse: '数据有误，请稍后再试',
  choosePersona: '去选择身份'
} as const
