import { render, screen, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { personas, personasOf, streetPersonas } from '@/core/community/personas'
import { getPersonaOpenId } from '@/api'
import { DevLoginView } from './dev-login-view'

// The real @/api identity helpers over the mocked Taro storage.
jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

beforeEach(() => {
  jest.clearAllMocks()
  ;(Taro as unknown as { clearStorageSync: () => void }).clearStorageSync()
})

test('lists every demo persona as a big button', () => {
  render(<DevLoginView />)
  for (const p of personas) expect(screen.getByText(p.name)).toBeTruthy()
  expect(screen.getByText('书记（管理员）')).toBeTruthy()
})

test('choosing a persona stores its openId and goes home', () => {
  render(<DevLoginView />)
  fireEvent.click(screen.getByText('刘海燕'))
  expect(Taro.setStorageSync).toHaveBeenCalledWith('linli.persona', 'demo-grid-worker')
  expect(getPersonaOpenId()).toBe('demo-grid-worker')
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
})

test('after choosing, goes back to the link that was opened before anyone was picked', () => {
  render(<DevLoginView back={encodeURIComponent('/pages/notifications/index')} />)
  expect(screen.getByText('选好后，会回到您刚才要打开的页面。')).toBeTruthy()
  fireEvent.click(screen.getByText('王秀兰'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/notifications/index' })
})

test('a way back that leaves the app is ignored', () => {
  render(<DevLoginView back='https://example.com/' />)
  fireEvent.click(screen.getByText('王秀兰'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
})

test('marks the persona currently in use', () => {
  Taro.setStorageSync('linli.persona', 'demo-elder')
  const { container } = render(<DevLoginView />)
  const current = container.querySelector('.persona--current')
  expect(current?.textContent).toContain('张桂芳')
  expect(current?.textContent).toContain('当前')
})

describe('the demo street (issue 20)', () => {
  test("the first community's people come first; the street office's two follow; other communities are folded", () => {
    const { container } = render(<DevLoginView />)
    const names = Array.from(container.querySelectorAll('.persona__name'), n => n.textContent)
    expect(names).toEqual([...personas.map(p => p.name), ...streetPersonas.map(p => p.name)])
    expect(screen.getByText('春晖社区')).toBeTruthy()
    expect(screen.getByText('东圣社区')).toBeTruthy()
    expect(screen.getByText('新苑社区')).toBeTruthy()
    expect(screen.queryByText(personasOf('dongsheng')[0].name)).toBeNull()
  })

  test('opening another community lists its people; choosing one starts them in their own community', () => {
    Taro.setStorageSync('linli.community', 'xinyuan')
    render(<DevLoginView />)
    fireEvent.click(screen.getByText('东圣社区'))
    const resident = personasOf('dongsheng')[0]
    fireEvent.click(screen.getByText(resident.name))
    expect(getPersonaOpenId()).toBe('dongsheng-demo-resident')
    expect(Taro.getStorageSync('linli.community')).toBeFalsy()
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  test('a street persona can be chosen from the first screen', () => {
    render(<DevLoginView />)
    fireEvent.click(screen.getByText(streetPersonas[0].name))
    expect(getPersonaOpenId()).toBe('demo-street-admin')
  })

  test('the community of the persona in use starts open, with the mark 当前', () => {
    Taro.setStorageSync('linli.persona', 'xinyuan-demo-elder')
    const { container } = render(<DevLoginView />)
    expect(container.querySelector('.persona--current')?.textContent).toContain(personasOf('xinyuan')[2].name)
  })
})
