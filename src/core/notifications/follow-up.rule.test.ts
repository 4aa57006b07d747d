import { reached, sayOf } from './follow-up.rule'

describe('the phone follow-up list', () => {
  it('counts a read item or a sent message as reached, anything else as a call to make', () => {
    expect(reached(new Date(), null)).toBe(true)
    expect(reached(null, 'sent')).toBe(true)
    expect(reached(null, null)).toBe(false)
  })

  it('reads the title, then the body as its own sentence (never "title：name：name…")', () => {
    expect(sayOf('紧急呼叫：张桂芳', '张桂芳（1栋1单元301）按下了紧急呼叫。')).toBe(
      '紧急呼叫：张桂芳。张桂芳（1栋1单元301）按下了紧急呼叫。'
    )
    expect(sayOf('今天停课！', '四点半课堂今天取消。')).toBe('今天停课！四点半课堂今天取消。')
  })
})
