/** The `community` function's actions: its contract's use cases and who may call each. */
import type { CommunityAdminDeps } from '../../core/community/directory.ports'
import { communityContract } from '../../core/community/community.contract'
import {
  bindHousehold,
  callContact,
  directory,
  editMember,
  hallSettings,
  issueBindCode,
  removeDuty,
  revealMemberPhone,
  roster,
  saveDuty,
  setHallDay,
  setHallWeek,
  setHead,
  setHotlines,
  staffBind
} from '../../core/community/directory.usecase'
import { home } from '../../core/community/home.usecase'
import { whoami } from '../../core/community/whoami.usecase'
import { addCommunity, communities } from '../../core/community/street.usecase'
import { policies } from '../../core/community/roles'
import { auditWriter } from '../audit'
import { communityRegistry } from './community-registry.repository'
import { implement } from '../router'
import { serverInfra, type Infra } from '../infra'
import { communityRepository } from './community.repository'
import { communitiesJoin, communitySetup, streetDirectory } from './street.repository'

export const communityActions = implement<CommunityAdminDeps, typeof communityContract>(communityContract, {
  // The street's communities come joined to the router's read of the caller: whoami stays one request.
  whoami: { roles: 'anyone', run: whoami, joinToCaller: db => [communitiesJoin(db)] },
  home: { roles: 'anyone', run: home },
  // binding: a first-time visitor binds with the household's one-time code and becomes a resident
  bindHousehold: { roles: 'anyone', run: bindHousehold },
  staffBind: { roles: policies.staff, run: staffBind },
  issueBindCode: { roles: policies.workbench, run: issueBindCode },
  // the directory (grid workers: their own grid)
  directory: { roles: policies.workbench, run: directory },
  editMember: { roles: policies.staff, run: editMember },
  setHead: { roles: policies.staff, run: setHead },
  revealMemberPhone: { roles: policies.workbench, run: revealMemberPhone },
  // tap to call one of my contacts (logged)
  callContact: { roles: 'registered', run: callContact },
  // duty roster and the hall's special days
  roster: { roles: 'registered', run: roster },
  saveDuty: { roles: policies.staff, run: saveDuty },
  removeDuty: { roles: policies.staff, run: removeDuty },
  setHallDay: { roles: policies.staff, run: setHallDay },
  hallSettings: { roles: policies.staff, run: hallSettings },
  setHallWeek: { roles: policies.staff, run: setHallWeek },
  setHotlines: { roles: policies.staff, run: setHotlines },
  // the street (issue 20): the picker a visitor chooses from; a street admin adding a community
  communities: { roles: 'anyone', run: communities },
  addCommunity: { roles: policies.streetAdmins, run: addCommunity }
})

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: read aloud at the hall

/** 8 characters of 32: 2^40 codes, so guessing one is hopeless at the rate a function answers. */
function newCode(): string {
  const bytes = new Uint8Array(8)
  globalThis.crypto.getRandomValues(bytes)
  return Array.from(bytes, b => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
}

export function communityDeps({ db, clock, newId }: Infra = serverInfra()): CommunityAdminDeps {
  return {
    directory: communityRepository(db),
    registry: communityRegistry(db),
    audit: auditWriter(db, clock),
    clock,
    newCode,
    newId,
    street: streetDirectory(db),
    setupOf: communityId => communitySetup(db, communityId, clock),
    randomInts: count => {
      const words = new Uint32Array(count)
      globalThis.crypto.getRandomValues(words)
      return Array.from(words)
    }
  }
}
