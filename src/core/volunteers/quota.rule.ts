/**
 * The party members' quarterly quota (双报到): "至少认领1个服务岗位, 每季度至少参加2次以上社区志愿服务".
 */
export const QUOTA = { posts: 1, activities: 2 } as const

export interface QuotaStanding {
  posts: number
  activities: number
  short: { posts: number; activities: number }
  met: boolean
}

export function quotaStanding(posts: number, activities: number): QuotaStanding {
  const short = { posts: Math.max(0, QUOTA.posts - posts), activities: Math.max(0, QUOTA.activities - activities) }
  return { posts, activities, short, met: short.posts === 0 && short.activities === 0 }
}
