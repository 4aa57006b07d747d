/**
 * Every page of the compiled weapp (app.json; dev-login is H5-only and not in it) opened in
 * miniprogram-simulate by the persona who uses it, against the seeded local cloud: each shows
 * what that person would read there (the seed's names, items, figures), loaded through
 * wx.cloud.callFunction, with no error thrown in the app's realm.
 */
import { planSlots } from '../../scripts/seed/service-card.seed'
import { useWeappCloud } from './weapp-cloud'
import { shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import { appPages, callCloud, setCloudClock, type PageHandle } from './weapp-runtime'

jest.setTimeout(60_000)
const cloud = useWeappCloud()

interface Row {
  route: string
  openId: string
  query?: Record<string, string>
  /** What the person does first on a page that starts as a form (a search, a filter). */
  act?: (page: PageHandle) => Promise<void>
  /** Text the person sees once the page's data has loaded, in order. */
  sees: Array<string | RegExp>
  /**
   * The Shanghai time of day the functions' clock shows while the page is open, for a page whose
   * content depends on it (the meal order closes at 09:30); the wall clock otherwise.
   */
  at?: string
}

let requestId = ''
/** The report a resident made in beforeAll (随手拍), as the report form's button does. */
let reportId = ''
let householdId = ''

const rows: Row[] = [
  {
    route: 'pages/home/index',
    openId: 'demo-resident',
    sees: ['王秀兰，您好', '刘海燕', '140****0581', '法律援助热线']
  },
  { route: 'pages/me/index', openId: 'demo-resident', sees: ['王秀兰', '居民', '我的数据'] },
  {
    route: 'pages/community/index',
    openId: 'demo-resident',
    sees: ['春晖社区', '第一网格', '1栋', '刘海燕', '021-0000-8000']
  },
  { route: 'pages/community/bind', openId: 'demo-family', sees: ['绑定我的家', '8位绑定码'] },
  { route: 'pages/community/directory', openId: 'demo-staff', sees: ['社区名册', '第一网格', '第八网格'] },
  { route: 'pages/community/roster', openId: 'demo-staff', sees: ['值班表', /孔令辉 · 值班电话/, /赵丽 · 社区值班室/] },
  // The street (issue 20): the picker of the street's communities, and the street admin's form (it loads nothing).
  { route: 'pages/community/choose', openId: 'demo-family', sees: ['选择您的社区', '春晖社区'] },
  { route: 'pages/community/add', openId: 'demo-admin', sees: ['添加社区', '社区名称', '第一位管理员的姓名'] },
  {
    route: 'pages/classes/index',
    openId: 'demo-guardian',
    sees: ['我的孩子', '李梓涵', '李睿', '接送码 246801', '四点半课堂（本学期）']
  },
  {
    route: 'pages/classes/tutor',
    openId: 'demo-volunteer',
    sees: ['报名当辅导老师', '四点半课堂（本学期）', '社区活动中心二楼']
  },
  { route: 'pages/classes/staff', openId: 'demo-staff', sees: ['四点半课堂（本学期）', '家长学校：如何陪孩子写作业'] },
  { route: 'pages/elder-care/index', openId: 'demo-elder', sees: ['紧急呼叫', '我的服务申请'] },
  { route: 'pages/elder-care/request', openId: 'demo-elder', sees: ['上门照护', '陪同就医', '提交申请'] },
  // Before the 09:30 cutoff (at 10:20 the page rightly says 今天已截止订餐).
  { route: 'pages/elder-care/meals', openId: 'demo-elder', at: '08:00', sees: ['红烧鸡块', '冬瓜排骨汤', '订餐截止'] },
  { route: 'pages/elder-care/sos', openId: 'demo-elder', sees: ['紧急呼叫', '通知社区值班人员'] },
  { route: 'pages/elder-care/staff', openId: 'demo-staff', sees: ['紧急呼叫（待处理）', '张桂芳', '上门照护'] },
  { route: 'pages/elder-care/helper', openId: 'demo-volunteer', sees: ['派给我的服务', '今日送餐路线'] },
  {
    route: 'pages/elder-care/elders',
    openId: 'demo-grid-worker',
    sees: ['老人档案', '张桂芳（84岁）', '家属代办：儿子张伟', '140****0005']
  },
  {
    route: 'pages/service-card/index',
    openId: 'demo-resident',
    sees: ['民政服务', '高龄津贴申领', '最低生活保障申请']
  },
  {
    route: 'pages/service-card/item',
    openId: 'demo-resident',
    query: { id: 'item-social-card' },
    sees: ['社保卡补换', '近期一寸照片1张', '3号窗口 · 剩 5 个名额']
  },
  {
    route: 'pages/service-card/bookings',
    openId: 'demo-guardian',
    sees: ['社保卡补换', '3号窗口', '待办理', '请带上：身份证']
  },
  {
    route: 'pages/service-card/requests',
    openId: 'demo-elder',
    sees: ['我的上门与代办', '您可以申请上门办理或委托代办。', '申请上门或代办', '高龄津贴申领', '已提交']
  },
  {
    route: 'pages/service-card/request',
    openId: 'demo-elder',
    query: {
      get id() {
        return requestId
      }
    },
    sees: ['高龄津贴申领', '已提交']
  },
  {
    route: 'pages/service-card/hall',
    openId: 'demo-staff',
    sees: ['近期时段', '1号窗口0/5', '6号窗口0/5', '发布预约时段']
  },
  {
    route: 'pages/service-card/edit',
    openId: 'demo-staff',
    query: { id: 'item-social-card' },
    sees: ['编辑服务事项', '现为 孔令辉']
  },
  {
    route: 'pages/service-card/assist',
    openId: 'demo-staff',
    act: async page => {
      await page.input(await page.find('.sc-search'), '王秀')
      await page.tapOn('.nut-button', '查找')
    },
    sees: ['王秀兰']
  },
  { route: 'pages/notifications/index', openId: 'demo-resident', sees: ['周六上午停水通知', '3栋至6栋'] },
  { route: 'pages/notifications/prefs', openId: 'demo-resident', sees: ['社区通知', '四点半课堂', '居家养老'] },
  { route: 'pages/notifications/follow-ups', openId: 'demo-staff', sees: ['待联系', '已联系'] },
  { route: 'pages/notifications/outbox', openId: 'demo-admin', sees: ['本应发出的每一条'] },
  { route: 'pages/notifications/broadcast', openId: 'demo-staff', sees: ['标题', '发布'] },
  { route: 'pages/staff/index', openId: 'demo-staff', sees: ['赵丽，您好', '数据看板', '台账导出'] },
  { route: 'pages/staff/join', openId: 'demo-resident', sees: ['8 位邀请码'] },
  {
    route: 'pages/staff/roles',
    openId: 'demo-admin',
    sees: ['发邀请码', '孔令辉社工', '陈志强居民、志愿者、辅导老师', '孙卫东管理员、社工']
  },
  {
    route: 'pages/staff/audit',
    openId: 'demo-admin',
    // In words: a category picked, not an action code typed; the entry reads as a description.
    act: async page => {
      await page.tapOn('.staff-choice__item', '消息通知')
      await page.tapOn('.nut-button', '查询')
    },
    sees: ['赵丽 · 发布社区通知', '社区通知']
  },
  {
    route: 'pages/staff/my-data',
    openId: 'demo-resident',
    sees: ['姓名：王秀兰', '1栋1单元101', '赵德明', '导出我的数据']
  },
  { route: 'pages/staff/privacy', openId: 'demo-elder', sees: ['我们收集什么、为什么', '谁能看到', '怎样导出或删除'] },
  { route: 'pages/staff/erasures', openId: 'demo-admin', sees: ['这里还没有内容'] },
  { route: 'pages/staff/exports', openId: 'demo-staff', sees: ['居民花名册', '一键呼叫记录', '志愿服务时长'] },
  { route: 'pages/staff/dashboard', openId: 'demo-staff', sees: ['全社区', '便民服务诉求', '四点半课堂', '第八网格'] },
  { route: 'pages/staff/survey', openId: 'demo-resident', sees: ['居民满意度调查', '环境卫生', '信息公开'] },
  { route: 'pages/staff/survey-results', openId: 'demo-staff', sees: ['80 份答卷', '环境卫生4', '第一网格10'] },
  // The street office (issue 20): its workbench across the demo street's communities, and its ledgers.
  {
    route: 'pages/staff/street',
    openId: 'demo-street-admin',
    sees: ['各社区紧急呼叫（未结束）', '春晖社区', '查看东圣社区的详细数据', '全街道合计']
  },
  {
    route: 'pages/staff/street-exports',
    openId: 'demo-street-admin',
    sees: ['导出哪里的台账', '全街道', '居民花名册']
  },
  {
    route: 'pages/volunteers/index',
    openId: 'demo-volunteer',
    sees: ['6.5', '累计服务时长', '小区环境整治', '剩余8/8个名额']
  },
  {
    route: 'pages/volunteers/task',
    openId: 'demo-volunteer',
    query: { id: 'task-demo-clean' },
    sees: ['小区环境整治', '3栋前广场', '报名：清洁']
  },
  { route: 'pages/volunteers/posts', openId: 'demo-volunteer', sees: ['政策宣传员 · 已认领', '反诈宣传员'] },
  { route: 'pages/volunteers/certificate', openId: 'demo-volunteer', sees: ['开具志愿服务记录证明', '证明查验'] },
  {
    route: 'pages/volunteers/staff',
    openId: 'demo-staff',
    sees: ['待审核的登记', '发布志愿活动', '四点半课堂辅导队', '党员季度检查']
  },
  // ---- grid: reports (随手拍/报事)
  { route: 'pages/grid/index', openId: 'demo-resident', sees: ['我要报事', '我的报事', '楼梯口堆了纸箱', '小事快办'] },
  {
    route: 'pages/grid/report',
    openId: 'demo-resident',
    sees: ['遇到了什么问题？', '安全隐患', '1 小时内受理', '楼栋：1栋']
  },
  {
    route: 'pages/grid/report-detail',
    openId: 'demo-grid-worker',
    // Known once beforeAll made the report.
    get query() {
      return { id: reportId }
    },
    sees: ['楼梯口堆了纸箱', '待受理', '受理（我来负责）', '办理过程']
  },
  { route: 'pages/grid/report-queue', openId: 'demo-grid-worker', sees: ['待受理', '我负责', '楼梯口堆了纸箱'] },
  // ---- grid: patrols (巡查) and household visits (走访)
  {
    route: 'pages/grid/patrol',
    openId: 'demo-grid-worker',
    sees: ['今天', '我的巡查记录', '超过 4 小时没结束的巡查会自动结束']
  },
  { route: 'pages/grid/visits', openId: 'demo-grid-worker', sees: ['重点户', '本季未走访', '按各自的走访频次排列'] },
  {
    route: 'pages/grid/visit',
    openId: 'demo-grid-worker',
    // A priority household of the worker's grid, known once beforeAll read the list.
    get query() {
      return { householdId }
    },
    sees: ['走访频次', '登记这次走访', '走访记录']
  },
  // ---- grid: inspections (巡检) and the figures
  {
    route: 'pages/grid/inspections',
    openId: 'demo-grid-worker',
    sees: ['本期要做的巡检', '地下车库安全检查', '每周卫生检查']
  },
  {
    route: 'pages/grid/inspection',
    openId: 'demo-grid-worker',
    query: { checklistId: 'ck-hygiene-1' },
    // 本期 with its dates, whether another test of this run already recorded it or not.
    sees: ['每周卫生检查', '本期', '楼道无垃圾、无杂物']
  },
  { route: 'pages/grid/checklist', openId: 'demo-staff', sees: ['从常用模板开始', '巡检表名称', '保存巡检表'] },
  {
    route: 'pages/grid/figures',
    openId: 'demo-staff',
    sees: ['本月报事', '超时未确认、自动办结', '导出给区平台（Open311）']
  }
]

beforeAll(async () => {
  // An eligible elder has asked for home handling, as the item page's button does.
  const res = await callCloud(cloud.port(), 'service-card', 'demo-elder', {
    action: 'submitRequest',
    payload: { itemId: 'item-elder-allowance', mode: 'home', note: '' },
    requestId: 'weapp-pages-request'
  })
  expect(res.body).toMatchObject({ ok: true })
  requestId = res.body.data.id
  // A resident reported boxes on her stairs (随手拍), in her home building: it goes to her grid worker.
  const options = await callCloud(cloud.port(), 'grid', 'demo-resident', { action: 'reportOptions', payload: {} })
  const buildingId = options.body.data.homeBuildingId as string
  const report = await callCloud(cloud.port(), 'grid', 'demo-resident', {
    action: 'submitReport',
    payload: {
      category: 'clutter',
      description: '1栋楼梯口堆了纸箱，走路不方便',
      place: { buildingId, text: '楼梯口' }
    },
    requestId: 'weapp-pages-report'
  })
  expect(report.body).toMatchObject({ ok: true })
  reportId = report.body.data.id
  // The grid worker's priority households (重点户), as the visits page lists them.
  const priority = await callCloud(cloud.port(), 'grid', 'demo-grid-worker', {
    action: 'priorityHouseholds',
    payload: {}
  })
  expect(priority.body).toMatchObject({ ok: true })
  householdId = priority.body.data.items[0].householdId as string
  // A parent booked a hall slot for the social-security card, as the item page's button does.
  const booked = await callCloud(cloud.port(), 'service-card', 'demo-guardian', {
    action: 'book',
    payload: { slotId: lastSlotOf('item-social-card'), itemId: 'item-social-card' },
    requestId: 'weapp-pages-booking'
  })
  expect(booked.body).toMatchObject({ ok: true })
  // Staff sent a notice to every household, as the broadcast page does; it goes out in batches.
  const notice = {
    id: 'weapp-pages-notice',
    title: '周六上午停水通知',
    body: '3栋至6栋周六 8:00–12:00 停水检修，请提前储水。'
  }
  let sent = await callCloud(cloud.port(), 'notifications', 'demo-staff', { action: 'broadcast', payload: notice })
  for (let i = 0; i < 20 && sent.body?.ok && !sent.body.data.finished; i++) {
    sent = await callCloud(cloud.port(), 'notifications', 'demo-staff', {
      action: 'broadcastProgress',
      payload: { id: notice.id }
    })
  }
  expect(sent.body).toMatchObject({ ok: true, data: { finished: true } })
})

/** The seed's last hall slot serving an item (the seed plans slots by the items' windows and hours). */
function lastSlotOf(itemId: string): string {
  const slots = planSlots(new Date()).filter(slot => (slot.itemIds as string[]).includes(itemId))
  return slots[slots.length - 1]._id as string
}

test("the app runs with WeChat's globals only, not a browser's", () => {
  const app = cloud.launch('demo-resident')
  const typeOf = (name: string) => [name, app.evaluate(`typeof ${name}`)]
  for (const name of ['wx', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages', 'setTimeout'])
    expect(typeOf(name)).not.toEqual([name, 'undefined'])
  for (const name of [
    'window',
    'document',
    'btoa',
    'atob',
    'fetch',
    'localStorage',
    'navigator',
    'location',
    'XMLHttpRequest',
    'URL',
    'TextEncoder',
    'process',
    'Buffer',
    'require'
  ]) {
    expect(typeOf(name)).toEqual([name, 'undefined'])
  }
  // WeChat runs no code made from strings (eval, new Function).
  expect(() => app.evaluate('new Function("return 1")()')).toThrow(/Code generation from strings disallowed/)
})

test('navigation refuses what WeChat refuses, and goes where it allows', async () => {
  const app = cloud.launch('demo-resident')
  app.open('pages/home/index')
  const go = (code: string): Promise<unknown> => app.evaluate(code) as Promise<unknown>
  await expect(go('wx.navigateTo({ url: "/pages/me/index" })')).rejects.toMatchObject({
    errMsg: 'navigateTo:fail can not navigateTo a tabbar page'
  })
  // The persona picker is H5-only: not a page of the weapp.
  await expect(go('wx.navigateTo({ url: "/pages/dev-login/index" })')).rejects.toMatchObject({
    errMsg: 'navigateTo:fail page "pages/dev-login/index" is not found'
  })
  await expect(go('wx.switchTab({ url: "/pages/community/index" })')).rejects.toMatchObject({
    errMsg: 'switchTab:fail can not switch to no-tabBar page'
  })
  await go('wx.navigateTo({ url: "/pages/community/index?from=home" })')
  expect(app.page).toMatchObject({ route: 'pages/community/index', query: { from: 'home' } })
  await app.page.waitForText('第一网格')
  await go('wx.navigateBack()')
  expect(app.stack.map(p => p.route)).toEqual(['pages/home/index'])
  await go('wx.switchTab({ url: "/pages/me/index" })')
  expect(app.stack.map(p => p.route)).toEqual(['pages/me/index'])
})

test('the table covers every page of app.json', () => {
  expect(rows.map(r => r.route).sort()).toEqual(appPages().sort())
})

test.each(rows)('$route as $openId', async ({ route, openId, query, act, sees, at }) => {
  // Today (the seed's day: its menus start on it), at that time.
  if (at) await setCloudClock(cloud.port(), shanghaiInstant(shanghaiDate(new Date()), at))
  const app = cloud.launch(openId)
  const page = app.open(route, { ...query })
  try {
    await act?.(page)
    for (const text of sees) await page.waitForText(text)
    await app.idle()
  } finally {
    if (at) await setCloudClock(cloud.port(), null)
  }
  // Every call the page made was answered ok: no FORBIDDEN or NOT_FOUND hiding behind a message.
  expect(
    app.cloudCalls
      .filter(c => c.result?.ok !== true)
      .map(c => `${c.name}.${c.data.action}: ${JSON.stringify(c.result)}`)
  ).toEqual([])
  expect(app.errors).toEqual([])
})
