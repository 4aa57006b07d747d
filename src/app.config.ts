// Main package: the two tab pages. Each bounded context gets its own subpackage as it is built,
// rooted at pages/<context>; mini.optimizeMainPackage keeps their modules out of the main package.
const mainPages = ['pages/home/index', 'pages/me/index']

// H5 only: the persona picker of the local cloud's dev login. It never ships to WeChat.
const devPages = process.env.TARO_ENV === 'h5' ? ['pages/dev-login/index'] : []

export default defineAppConfig({
  pages: [...mainPages, ...devPages],
  subPackages: [
    { root: 'pages/community', pages: ['index', 'bind', 'directory', 'roster', 'choose', 'add'] },
    { root: 'pages/classes', pages: ['index', 'tutor', 'staff'] },
    { root: 'pages/elder-care', pages: ['index', 'request', 'meals', 'sos', 'staff', 'helper', 'elders'] },
    {
      root: 'pages/service-card',
      pages: ['index', 'item', 'bookings', 'requests', 'request', 'hall', 'edit', 'assist']
    },
    { root: 'pages/notifications', pages: ['index', 'prefs', 'follow-ups', 'outbox', 'broadcast'] },
    {
      root: 'pages/staff',
      pages: [
        'index',
        'join',
        'roles',
        'audit',
        'my-data',
        'privacy',
        'erasures',
        'exports',
        'dashboard',
        'survey',
        'survey-results',
        'street',
        'street-exports'
      ]
    },
    { root: 'pages/volunteers', pages: ['index', 'task', 'posts', 'certificate', 'staff'] },
    // The grid (网格): residents' reports (随手拍/报事) and their handling; patrols (巡查) and household visits (走访);
    // inspections (巡检) and the figures.
    {
      root: 'pages/grid',
      pages: [
        'index',
        'report',
        'report-detail',
        'report-queue',
        'patrol',
        'visits',
        'visit',
        'inspections',
        'inspection',
        'checklist',
        'figures'
      ]
    }
  ],
  // Privacy as WeChat requires it. getLocation (visit check-in, elder-care helper) must be declared
  // or it fails outright for mini-programs published after 2022-07-14, and scope.userLocation needs
  // the reason shown in WeChat's permission prompt
  // (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#requiredPrivateInfos,
  // #permission). __usePrivacyCheck__ turns on onNeedPrivacyAuthorization, which our privacy popup
  // answers before location, clipboard and phone-number use (components/privacy).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '上门服务签到、签退时记下您到达的地点，方便社区核对服务' }
  },
  __usePrivacyCheck__: true,
  window: {
    navigationBarBackgroundColor: '#f8f3ea',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f8f3ea',
    backgroundTextStyle: 'dark'
  },
  tabBar: {
    color: '#4f453b',
    selectedColor: '#a8401b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'components/theme/tabbar/home.png',
        selectedIconPath: 'components/theme/tabbar/home-active.png'
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'components/theme/tabbar/me.png',
        selectedIconPath: 'components/theme/tabbar/me-active.png'
      }
    ]
  }
})
