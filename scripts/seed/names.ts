/** Common surnames and given-name characters, for plausible demo names (no real people). */
import type { Rng } from './prng'

export const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '阎',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜'
] as const

const givenFemale = [
  '秀',
  '兰',
  '英',
  '华',
  '丽',
  '敏',
  '静',
  '芳',
  '娟',
  '霞',
  '玲',
  '桂',
  '珍',
  '萍',
  '红',
  '燕',
  '梅',
  '琳',
  '雪',
  '婷',
  '慧',
  '欣',
  '怡',
  '晴'
]
const givenMale = [
  '伟',
  '强',
  '军',
  '磊',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '建',
  '国',
  '志',
  '峰',
  '斌',
  '浩',
  '宇',
  '博',
  '晨'
]
/** Older generations' names lean on these; children's on the newer ones. */
const elderFemale = ['桂', '秀', '淑', '凤', '玉', '兰', '珍', '英', '芳', '琴']
const elderMale = ['德', '福', '荣', '贵', '文', '成', '永', '有', '金', '宝']
const childChars = [
  '子',
  '梓',
  '涵',
  '睿',
  '轩',
  '一',
  '诺',
  '雨',
  '欣',
  '泽',
  '宇',
  '可',
  '思',
  '佳',
  '若',
  '乐',
  '安',
  '晨'
]

export function givenName(rng: Rng, gender: 'F' | 'M', birthYear: number): string {
  const pool =
    birthYear >= 2010
      ? childChars
      : birthYear < 1955
        ? gender === 'F'
          ? elderFemale
          : elderMale
        : gender === 'F'
          ? givenFemale
          : givenMale
  const first = rng.pick(pool)
  // About a third of names are one character, more often for older people.
  if (rng.chance(birthYear < 1960 ? 0.2 : 0.35)) return first
  let second = rng.pick(gender === 'F' ? givenFemale : givenMale)
  if (second === first) second = rng.pick(childChars)
  return first + second
}

export function fullName(rng: Rng, gender: 'F' | 'M', birthYear: number, surname?: string): string {
  return (surname ?? rng.pick(surnames)) + givenName(rng, gender, birthYear)
}
