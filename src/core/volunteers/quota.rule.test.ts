import { quotaStanding } from './quota.rule'

describe('quarterly quota', () => {
  it.each([
    [0, 0, { posts: 1, activities: 2 }, false],
    [1, 1, { posts: 0, activities: 1 }, false],
    [1, 2, { posts: 0, activities: 0 }, true],
    [3, 5, { posts: 0, activities: 0 }, true]
  ])('%p posts, %p activities', (posts, activities, short, met) => {
    expect(quotaStanding(posts, activities)).toMatchObject({ short, met })
  })
})
