/** Sample `community.home` answers for tests (shapes from home.schemas.ts). */
import type { Home } from '@/core/community/home.schemas'

export const residentHome: Home = {
  me: { registered: true, name: '王秀兰', roles: ['resident'] },
  community: { name: '幸福里社区', hotline: '021-5555 0100' },
  address: { grid: '第三网格', building: '3栋', unit: '2单元' },
  contacts: [
    { name: '刘海燕', title: '网格员', phoneMasked: '138****0003' },
    { name: '周建华', title: '楼长', phoneMasked: '139****1203' },
    { name: '吴美玲', title: '单元长', phoneMasked: '137****3202' }
  ],
  tiles: [
    { key: 'community', title: '我的社区', subtitle: '网格、楼栋和联系人', available: true },
    { key: 'service-card', title: '办事指南', subtitle: '服务清单、电话和时间', available: false },
    { key: 'sos', title: '紧急求助', subtitle: '一键呼叫网格员', available: false }
  ],
  workload: [],
  hall: {
    ranges: [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' }
    ],
    openNow: true,
    note: ''
  },
  onDuty: [{ personName: '赵丽', place: '一站式服务大厅', until: '17:30' }],
  hotlines: [{ name: '法律援助热线', number: '021-0000-8011' }],
  streetSize: 1
}

export const staffHome: Home = {
  me: { registered: true, name: '刘海燕', roles: ['grid_worker'] },
  community: { name: '幸福里社区', hotline: '021-5555 0100' },
  address: null,
  contacts: [],
  tiles: [
    { key: 'staff', title: '工作台', subtitle: '待办和统计', available: false },
    { key: 'community', title: '我的社区', subtitle: '网格、楼栋和联系人', available: true }
  ],
  workload: [
    { label: '待处理求助', count: 4 },
    { label: '今日走访', count: 2 }
  ],
  hall: null,
  onDuty: [],
  hotlines: [],
  streetSize: 1
}
