import type { Notice } from './notify.ports'
import { fieldValue, templateData, type TemplateSpec } from './template-fields.rule'

const notice: Notice = {
  to: 'o-1',
  kind: 'service-card.booking-confirmed',
  key: 'k',
  title: '您已预约社区一站式服务大厅老年人优待证办理窗口',
  body: '请携带身份证、户口本和一寸照片两张',
  when: new Date('2026-11-24T01:30:00Z'),
  place: '春晖社区党群服务中心一楼3号窗口',
  status: '预约成功 ✓'
}

describe('subscribe-message fields stay inside WeChat limits', () => {
  it('cuts a thing to 20 characters with an ellipsis', () => {
    const v = fieldValue({ key: 'thing1', type: 'thing', from: 'title' }, notice)!
    expect(Array.from(v)).toHaveLength(20)
    expect(v.endsWith('…')).toBe(true)
    expect(v.startsWith('您已预约社区一站式')).toBe(true)
  })

  it('writes time in Beijing time', () => {
    expect(fieldValue({ key: 'time2', type: 'time', from: 'when' }, notice)).toBe('2026年11月24日 09:30')
    expect(fieldValue({ key: 'date2', type: 'date', from: 'when' }, notice)).toBe('2026年11月24日')
  })

  it('keeps only up to 5 Chinese characters in a phrase', () => {
    expect(fieldValue({ key: 'phrase3', type: 'phrase', from: 'status' }, notice)).toBe('预约成功')
    expect(
      fieldValue({ key: 'phrase3', type: 'phrase', from: 'status' }, { ...notice, status: '已提交等待社工审核' })
    ).toBe('已提交等待')
  })

  it('counts a character outside the BMP once', () => {
    const v = fieldValue({ key: 'thing1', type: 'thing', from: 'title' }, { ...notice, title: '𠮷'.repeat(25) })!
    expect(Array.from(v)).toHaveLength(20)
  })

  it('fills every field of the template, with a placeholder where the notice has nothing', () => {
    const spec: TemplateSpec = {
      id: 'tpl',
      fields: [
        { key: 'thing1', type: 'thing', from: 'title' },
        { key: 'thing4', type: 'thing', from: 'place' },
        { key: 'phrase3', type: 'phrase', from: 'status' }
      ]
    }
    const data = templateData(spec, { ...notice, place: undefined, status: undefined })
    expect(Object.keys(data)).toEqual(['thing1', 'thing4', 'phrase3'])
    expect(data.thing4.value).toBe('详见小程序')
    expect(data.phrase3.value).toBe('通知')
  })
})
