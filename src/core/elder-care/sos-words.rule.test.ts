import { familyAlertWords, kinName, progressWords, sosStatusLine, sosTitle } from './sos-words.rule'

const at = new Date('2026-12-04T08:00:00Z')
const call = { elderName: '张桂芳', ackBy: { userId: 'u-liu', name: '刘海燕', at }, resolved: null }

describe('SOS words for each reader', () => {
  it('names the elder as what she is to the family member', () => {
    expect(kinName('张桂芳', '儿子', 'F')).toBe('您的母亲张桂芳')
    expect(kinName('王建国', '女儿', 'M')).toBe('您的父亲王建国')
    expect(kinName('张桂芳', '孙女', 'F')).toBe('您的奶奶张桂芳')
    expect(kinName('张桂芳', '邻居', 'F')).toBe('您的家人张桂芳')
    expect(kinName('张桂芳', '儿子', null)).toBe('您的家人张桂芳')
  })

  it('addresses the elder, the family and staff each in their own words', () => {
    expect(sosTitle('elder', call, '张桂芳')).toBe('您发出了紧急呼叫')
    expect(sosTitle('family', call, '您的母亲张桂芳')).toBe('您的母亲张桂芳发出了紧急呼叫')
    expect(sosTitle('staff', call, '张桂芳')).toBe('张桂芳的紧急呼叫')
    const acked = { ...call, state: 'acknowledged' as const }
    expect(sosStatusLine('elder', acked, 'F')).toBe('刘海燕已响应，正在赶来')
    expect(sosStatusLine('family', acked, 'F')).toBe('刘海燕已前往处理')
    expect(sosStatusLine('family', { ...call, state: 'cancelled' }, 'F')).toBe('她取消了呼叫（误按），没有危险')
    expect(sosStatusLine('staff', { ...call, state: 'open', ackBy: null }, 'F')).toContain('我来处理')
  })

  it('never asks the family to press 我来处理, and tells them to phone once nobody answered', () => {
    const now = familyAlertWords('您的母亲张桂芳', 'F', 1)
    const later = familyAlertWords('您的母亲张桂芳', 'F', 2)
    expect(now.title).toBe('您的母亲张桂芳发出了紧急呼叫')
    expect(`${now.body}${later.body}`).not.toContain('我来处理')
    expect(later.body).toContain('请马上打电话给她')
  })

  it('tells the elder "您的" and the family about their mother; the elder hears nothing of her own cancel', () => {
    const acked = { ...call, state: 'acknowledged' as const }
    expect(progressWords('elder', acked, '张桂芳', 'F')?.title).toBe('刘海燕已响应您的紧急呼叫')
    expect(progressWords('family', acked, '您的母亲张桂芳', 'F')?.title).toBe('刘海燕已前往处理')
    expect(progressWords('elder', { ...call, state: 'cancelled' }, '张桂芳', 'F')).toBeNull()
  })
})
