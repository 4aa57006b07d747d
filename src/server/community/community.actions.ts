/** The `community` function's actions: schema, use case and who may call each. */
import * as z from 'zod'
import type { CommunityAdminDeps } from '../../core/community/directory.ports'
import { homeInput, whoamiInput } from '../../core/community/community.schemas'
import {
  bindHouseholdInput, callContactInput, directoryInput, editMemberInput, issueBindCodeInput, removeDutyInput, revealMemberPhoneInput, rosterInput,
  saveDutyInput, setHallDayInput, setHallWeekInput, setHeadInput, setHotlinesInput, staffBindInput
} from '../../core/community/directory.schemas'
import {
  bindHousehold, callContact, directory, directoryReaders, directoryStaff, editMember, hallSettings, issueBindCode, removeDuty, revealMemberPhone, roster,
  saveDuty, setHallDay, setHallWeek, setHead, setHotlines, staffBind
} from '../../core/community/directory.usecase'
import { home } from '../../core/community/home.usecase'
import { whoami } from '../../core/community/whoami.usecase'
import { serverClock } from '../clock'
import { auditWriter } from '../audit'
import { communityRegistry } from './community-registry.repository'
import { getDb } from '../db/client'
import type { ActionTable } from '../router'
import { action } from '../router'
import { communityRepository } from './community.repository'

export const communityActions: ActionTable<CommunityAdminDeps> = {
  whoami: action({ schema: whoamiInput, run: whoami, roles: 'anyone' }),
  home: action({ schema: homeInput, run: home, roles: 'anyone' }),
  // binding: a first-time visitor binds with the household's one-time code and becomes a resident
  bindHousehold: action({ schema: bindHouseholdInput, run: bindHousehold, roles: 'anyone' }),
  staffBind: action({ schema: staffBindInput, run: staffBind, roles: directoryStaff }),
  issueBindCode: action({ schema: issueBindCodeInput, run: issueBindCode, roles: directoryReaders }),
  // the directory (grid workers: their own grid)
  directory: action({ schema: directoryInput, run: directory, roles: directoryReaders }),
  editMember: action({ schema: editMemberInput, run: editMember, roles: directoryStaff }),
  setHead: action({ schema: setHeadInput, run: setHead, roles: directoryStaff }),
  revealMemberPhone: action({ schema: revealMemberPhoneInput, run: revealMemberPhone, roles: directoryReaders }),
  // tap to call one of my contacts (logged)
  callContact: action({ schema: callContactInput, run: callContact, roles: 'registered' }),
  // duty roster and the hall's special days
  roster: action({ schema: rosterInput, run: roster, roles: 'registered' }),
  saveDuty: action({ schema: saveDutyInput, run: saveDuty, roles: directoryStaff }),
  removeDuty: action({ schema: removeDutyInput, run: removeDuty, roles: directoryStaff }),
  setHallDay: action({ schema: setHallDayInput, run: setHallDay, roles: directoryStaff }),
  hallSettings: action({ schema: z.strictObject({}), run: async (deps) => await hallSettings(deps), roles: directoryStaff }),
  setHallWeek: action({ schema: setHallWeekInput, run: setHallWeek, roles: directoryStaff }),
  setHotlines: action({ schema: setHotlinesInput, run: setHotlines, roles: directoryStaff })
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: read aloud at the hall

/** 8 characters of 32: 2^40 codes, so guessing one is hopeless at the rate a function answers. */
function newCode (): string {
  const bytes = new Uint8Array(8)
  globalThis.crypto.getRandomValues(bytes)
  return Array.from(bytes, b => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
}

let seq = 0
function newId (prefix: string): string {
  seq = (seq + 1) % 1_000_000
  return `${prefix}-${Date.now().toString(36)}-${seq.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

export function communityDeps (): CommunityAdminDeps {
  const db = getDb()
  return {
    directory: communityRepository(db),
    registry: communityRegistry(db),
    audit: auditWriter(db, serverClock),
    clock: serverClock,
    newCode,
    newId
  }
}
