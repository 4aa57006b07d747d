import { canCancel, dueAt, dueLevel, familyLevelLabel } from './sos-ladder.rule'
import { timelineOf } from './sos.usecase'

const pressedAt = new Date('2026-11-23T02:00:00Z')
const at = (s: number): Date => new Date(pressedAt.getTime() + s * 1000)

describe('SOS ladder', () => {
  it('escalates to family at 2 minutes and to the admin after, only while unacknowledged', () => {
    expect(dueLevel({ state: 'open', level: 2, pressedAt }, at(119))).toBeNull()
    expect(dueLevel({ state: 'open', level: 2, pressedAt }, at(120))?.audience).toBe('family')
    expect(dueLevel({ state: 'open', level: 3, pressedAt }, at(239))).toBeNull()
    expect(dueLevel({ state: 'open', level: 3, pressedAt }, at(240))?.audience).toBe('admin')
    expect(dueLevel({ state: 'open', level: 4, pressedAt }, at(9999))).toBeNull()
    expect(dueLevel({ state: 'acknowledged', level: 2, pressedAt }, at(600))).toBeNull()
    expect(dueLevel({ state: 'cancelled', level: 2, pressedAt }, at(600))).toBeNull()
    expect(dueAt(pressedAt, 2)).toEqual(at(120))
    expect(dueAt(pressedAt, 4)).toBeNull()
  })

  it('lets a mistaken press be cancelled for 10 seconds only', () => {
    expect(canCancel({ state: 'open', pressedAt }, at(10))).toBe(true)
    expect(canCancel({ state: 'open', pressedAt }, at(11))).toBe(false)
    expect(canCancel({ state: 'acknowledged', pressedAt }, at(3))).toBe(false)
  })
})

describe("what the call's page says happened", () => {
  it('at 2 minutes tells family told at the press again, not for the first time, and says staff phone them', () => {
    expect(familyLevelLabel({ toldAtPress: true, told: ['儿子张伟'], phoned: 1 })).toBe(
      '2分钟无人响应，再次通知家属，并请工作人员打电话给家属'
    )
    expect(familyLevelLabel({ toldAtPress: false, told: ['女儿王芳'], phoned: 1 })).toBe(
      '2分钟无人响应，已通知家属，并请工作人员打电话给家属'
    )
    expect(familyLevelLabel({ toldAtPress: true, told: ['儿子张伟'], phoned: 0 })).toBe('2分钟无人响应，再次通知家属')
    expect(familyLevelLabel({ toldAtPress: false, told: [], phoned: 0 })).toBe('2分钟无人响应，没有登记的家属可通知')
  })

  it("lists each responder once, though the acknowledgement is both a step and the call's ackBy", () => {
    const t = (s: number): Date => at(s)
    const liu = { userId: 'demo-grid-worker', name: '刘海燕' }
    const steps = [
      { level: 0, label: '按下紧急呼叫', at: t(0), told: [] },
      { level: 1, label: '已通知值班社工和网格员', at: t(0), told: ['赵丽', '刘海燕'] },
      { level: 2, label: '刘海燕已响应', at: t(30), told: [], by: liu },
      { level: 2, label: '刘海燕已响应', at: t(40), told: [], by: liu }
    ]
    const view = timelineOf({ steps, ackBy: { ...liu, at: t(30) } })
    expect(view.responders).toEqual([{ name: '刘海燕', at: t(30) }])
    expect(view.steps.map(s => s.label)).toEqual(['按下紧急呼叫', '已通知值班社工和网格员'])
    // A call stored before steps named their responder: the label is recognised.
    const old = timelineOf({
      steps: [steps[0], { level: 2, label: '赵丽已响应', at: t(20), told: [] }],
      ackBy: { userId: 'demo-staff', name: '赵丽', at: t(20) }
    })
    expect(old.responders).toEqual([{ name: '赵丽', at: t(20) }])
    expect(old.steps).toHaveLength(1)
    // Closed by staff without an acknowledgement: the closer is the one responder.
    expect(
      timelineOf({ steps: [steps[0]], ackBy: { userId: 'demo-staff', name: '赵丽', at: t(90) } }).responders
    ).toEqual([{ name: '赵丽', at: t(90) }])
  })
})
