/** Every Chinese word the persona picker (H5 demo only) shows. */
export const devLoginCopy = {
  navTitle: '选择身份',
  title: '您想以谁的身份看看？',
  intro: '这是电脑上的演示版。选一位社区里的人，就能看到他看到的内容。',
  thenBack: '选好后，会回到您刚才要打开的页面。',
  current: '当前',
  roles: (labels: string[]) => labels.join('、'),
  street: '街道办事处',
  streetNote: '可以查看街道里每个社区的情况，但不能修改。',
  otherCommunities: '街道里的其他社区',
  show: '展开',
  hide: '收起'
} as const
