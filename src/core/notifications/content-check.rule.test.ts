import { checkText } from './content-check.rule'

describe('offline content check', () => {
  it.each(['请帮我预约周三上午的上门理发，谢谢', '楼道灯坏了，麻烦物业看一下', '需要协助办理老年人优待证'])(
    'passes everyday requests: %s',
    text => {
      expect(checkText(text)).toEqual({ pass: true })
    }
  )

  it.each([
    ['网 赌 稳赚', 'gambling'],
    ['低价代开发票', 'fraud'],
    ['有意者加 微信 123', 'contact-ad'],
    ['加VX详聊', 'contact-ad']
  ])('blocks %s', (text, reason) => {
    expect(checkText(text)).toEqual({ pass: false, reason })
  })
})
