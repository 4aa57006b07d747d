/** Payload schemas of the community actions (parsed by the router before anything runs). */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'

export const whoamiInput = lazySchema(() => z.object({}))
export type WhoamiInput = z.infer<typeof whoamiInput>

export const homeInput = lazySchema(() => z.object({}))
export type HomeInput = z.infer<typeof homeInput>

export const hallSettingsInput = lazySchema(() => z.strictObject({}))
export type HallSettingsInput = z.infer<typeof hallSettingsInput>
