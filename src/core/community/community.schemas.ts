/** Payload schemas of the community actions (parsed by the router before anything runs). */
import * as z from 'zod'

export const whoamiInput = z.object({})
export type WhoamiInput = z.infer<typeof whoamiInput>

export const homeInput = z.object({})
export type HomeInput = z.infer<typeof homeInput>

export const hallSettingsInput = z.strictObject({})
export type HallSettingsInput = z.infer<typeof hallSettingsInput>
