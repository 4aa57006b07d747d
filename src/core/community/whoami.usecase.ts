import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { Caller } from './caller'
import type { Whoami } from './home.schemas'
import type { WhoamiInput } from './community.schemas'

export function whoamiOf(caller: Caller): Whoami {
  return { registered: caller.registered, name: caller.name, roles: [...caller.roles] }
}

/** The caller as the server knows them; an unknown OPENID is simply not registered yet. */
export async function whoami(_deps: unknown, _input: WhoamiInput, caller: Caller): Promise<Result<Whoami, never>> {
  return ok(whoamiOf(caller))
}
