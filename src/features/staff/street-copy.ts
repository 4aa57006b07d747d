/** Every Chinese word of the street office's pages (街道工作台, issue 20). Plain words: the street reads, never acts. */
export const streetCopy = {
  nav: '街道工作台',
  exportsNav: '街道台账导出',
  intro: '这里可以查看街道各社区的情况。只能查看，不能在这里办理或修改；要办理请联系该社区的工作人员。',
  periodLabel: '统计周期',
  totalsTitle: '全街道合计',
  communitiesTitle: '各社区',
  communityCount: (n: number) => `共 ${n} 个社区`,
  openDashboard: (name: string) => `查看${name}的详细数据`,
  readingCommunity: (name: string) => `正在查看：${name}（只能查看，不能修改）`,

  sosTitle: '各社区紧急呼叫（未结束）',
  sosRefreshing: '每 15 秒自动刷新',
  sosNone: '现在没有未结束的紧急呼叫。',
  sosWhere: (community: string, grid: string | null) => (grid ? `${community} · ${grid}` : community),
  sosPressedAt: (at: string) => `呼叫时间：${at}`,
  sosLastStep: (step: string) => `最近一步：${step}`,
  sosAnsweredBy: (name: string, at: string) => `${name} 已响应（${at}）`,
  sosNobody: '还没有人响应',
  sosProxy: '（家属代按）',
  sosHint: '呼叫由各社区的工作人员处理。需要督办请直接打电话给该社区。',

  exportsLink: '导出台账（按社区或全街道）',
  exportsWhich: '导出哪里的台账',
  wholeStreet: '全街道',
  wholeStreetHint: '全街道的台账：每一行前面写明是哪个社区。',
  communityHint: (name: string) => `${name}的台账。`
}
