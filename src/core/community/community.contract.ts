/**
 * The `community` function's contract (core/shared/contract.ts): who I am, the home page, binding
 * to a household, the staff directory, the duty roster and the hall's hours; the street's communities (issue 20).
 */
import * as z from 'zod'
import { defineContract } from '../shared/contract'
import { pageSchema } from '../shared/page'
import { hallSettingsInput, homeInput, whoamiInput } from './community.schemas'
import {
  bindHouseholdInput,
  callContactInput,
  directoryInput,
  editMemberInput,
  issueBindCodeInput,
  removeDutyInput,
  revealMemberPhoneInput,
  rosterInput,
  saveDutyInput,
  setHallDayInput,
  setHallWeekInput,
  setHeadInput,
  setHotlinesInput,
  staffBindInput
} from './directory.schemas'
import { bindView, directoryRowView, dutyView, hallSettingsView, revealedPhoneView } from './directory.views'
import { homeSchema } from './home.schemas'
import {
  addCommunityInput,
  addedCommunityView,
  communitiesInput,
  communityChoiceView,
  streetWhoamiSchema
} from './street.schemas'

export const communityContract = defineContract('community', {
  /** Who I am, the community this call acts in and those I may switch to (issue 20). */
  whoami: () => ({ input: whoamiInput, reply: streetWhoamiSchema, codes: [] }),
  home: () => ({ input: homeInput, reply: homeSchema, codes: [] }),
  bindHousehold: () => ({ input: bindHouseholdInput, reply: bindView, codes: ['BIND_CODE_INVALID', 'NAME_REQUIRED'] }),
  staffBind: () => ({ input: staffBindInput, reply: bindView, codes: ['NOT_FOUND'] }),
  issueBindCode: () => ({
    input: issueBindCodeInput,
    reply: z.object({ householdId: z.string(), door: z.string(), code: z.string() }),
    // FORBIDDEN: a grid worker asking for a household outside their grid.
    codes: ['NOT_FOUND', 'FORBIDDEN']
  }),
  directory: () => ({ input: directoryInput, reply: pageSchema(directoryRowView), codes: [] }),
  editMember: () => ({ input: editMemberInput, reply: directoryRowView, codes: ['NOT_FOUND'] }),
  setHead: () => ({
    input: setHeadInput,
    reply: z.object({ id: z.string(), memberId: z.string().nullable() }),
    codes: ['NOT_FOUND']
  }),
  revealMemberPhone: () => ({
    input: revealMemberPhoneInput,
    reply: revealedPhoneView,
    codes: ['NOT_FOUND', 'FORBIDDEN']
  }),
  callContact: () => ({ input: callContactInput, reply: revealedPhoneView, codes: ['NOT_FOUND'] }),
  roster: () => ({ input: rosterInput, reply: z.array(dutyView), codes: [] }),
  saveDuty: () => ({ input: saveDutyInput, reply: dutyView, codes: [] }),
  removeDuty: () => ({ input: removeDutyInput, reply: z.object({ id: z.string() }), codes: ['NOT_FOUND'] }),
  setHallDay: () => ({ input: setHallDayInput, reply: z.object({ date: z.string() }), codes: [] }),
  hallSettings: () => ({ input: hallSettingsInput, reply: hallSettingsView, codes: [] }),
  setHallWeek: () => ({ input: setHallWeekInput, reply: hallSettingsView.pick({ weekly: true }), codes: [] }),
  setHotlines: () => ({
    input: setHotlinesInput,
    reply: z.object({ count: z.number().int().nonnegative() }),
    codes: []
  }),
  // The street (街道, issue 20): the communities a visitor picks from, and a street admin adding one.
  communities: () => ({ input: communitiesInput, reply: pageSchema(communityChoiceView), codes: [] }),
  addCommunity: () => ({
    input: addCommunityInput,
    reply: addedCommunityView,
    // CONFLICT: the requestId is missing, or names a community another request made.
    codes: ['CONFLICT'],
    idempotent: true
  })
})
