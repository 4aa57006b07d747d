import path from 'path'
import * as simulate from 'miniprogram-simulate'

const cardPath = path.resolve(__dirname, 'index')

// simulate.load() require()s index.js and then deletes it from require.cache; under Jest that
// delete does nothing, so a second load() in this file would register nothing. Reset first.
beforeEach(() => jest.resetModules())

describe.each(['official', 'simulate'] as const)('call-card (compiler: %s)', compiler => {
  function renderCard(props: Record<string, string>) {
    const id = simulate.load(cardPath, 'call-card', { compiler })
    const card = simulate.render(id, props)
    card.attach(document.createElement('parent-wrapper'))
    return card
  }

  function text(card: ReturnType<typeof renderCard>, selector: string): string | null | undefined {
    return card.querySelector(selector)?.dom?.textContent
  }

  test('shows the title, name and masked phone', () => {
    const card = renderCard({ name: '刘海燕', title: '网格员', phone: '138****0003' })
    expect(text(card, '.call-card__title')).toBe('网格员')
    expect(text(card, '.call-card__name')).toBe('刘海燕')
    expect(text(card, '.call-card__number')).toBe('138****0003')
  })

  test('a tap anywhere on the card fires `call` with who was tapped', async () => {
    const card = renderCard({ name: '周建华', title: '楼长', phone: '139****1203' })
    const onCall = jest.fn()
    // j-component's RootComponent has addEventListener at run time; its typings omit it.
    const listenable = card as unknown as {
      addEventListener: (name: string, fn: (evt: { detail: unknown }) => void) => void
    }
    listenable.addEventListener('call', evt => onCall(evt.detail))

    card.querySelector('.call-card__name')?.dispatchEvent('tap')
    await simulate.sleep(0)

    expect(onCall).toHaveBeenCalledTimes(1)
    expect(onCall).toHaveBeenCalledWith({ name: '周建华', title: '楼长' })
  })

  test('updates when the page passes new data', async () => {
    const card = renderCard({ name: '吴美玲', title: '单元长', phone: '137****3202' })
    card.setData({ phone: '137****9999' })
    await simulate.sleep(0)
    expect(text(card, '.call-card__number')).toBe('137****9999')
  })
})
