import { seesFullAddress } from './acting.rule'
import { careRequestStates } from './care-request.machine'

describe("who sees the elder's full address and phone", () => {
  it('the helper only from acceptance until check-out; the elder and proxy always; staff and others never', () => {
    const helperSees = careRequestStates.filter(s => seesFullAddress('helper', s))
    expect(helperSees).toEqual(['accepted', 'in_service'])
    for (const s of careRequestStates) {
      expect(seesFullAddress('elder', s)).toBe(true)
      expect(seesFullAddress('proxy', s)).toBe(true)
      expect(seesFullAddress('staff', s)).toBe(false)
      expect(seesFullAddress('other', s)).toBe(false)
    }
  })
})
