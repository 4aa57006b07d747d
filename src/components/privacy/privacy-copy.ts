/** Every Chinese word of the privacy popup (in the main package: every page holds it). */
export const privacyCopy = {
  popupTitle: '用之前，先跟您说清楚',
  popupIntro: '邻里只在您办下面这些事的时候，才用到您的个人信息：',
  popupUses: [
    '位置：上门服务签到、签退那一刻记下到达地点，不会一直定位',
    '剪贴板：导出数据时把内容复制给您，我们不读取剪贴板',
    '手机号：只用来联系您办的事'
  ],
  contractLink: '查看《邻里隐私保护指引》',
  pageLink: '邻里收集什么、谁能看到、怎么删除',
  disagree: '不同意',
  agree: '同意并继续',
  notCopied: '没有复制',
  clipboardRefused: '您没有同意隐私保护指引里的剪贴板使用。需要时再点一次，选「同意并继续」。',
  clipboardFailed: '复制没有成功，请再试一次。'
} as const
