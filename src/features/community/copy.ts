/** Every Chinese word the 我的社区 page shows. */
export const communityCopy = {
  navTitle: '我的社区',
  loading: '正在加载…',
  retry: '再试一次',
  whereTitle: '我住在',
  grid: '网格',
  building: '楼栋',
  unit: '单元',
  noAddress: '还没有登记住址，请到社区服务大厅办理。',
  contactsTitle: '有事找他们',
  noContacts: '暂时还没有联系人',
  hotlineLabel: '社区服务热线',
  updatedAt: (hhmm: string) => `更新于 ${hhmm}`
} as const
