/**
 * What the directory actions answer (community.contract.ts): the staff directory's rows (phones
 * masked, bind codes never), the duty roster's shifts and the hall's settings.
 */
import * as z from 'zod'
import { lazySchema } from '../shared/contract'

/**
 * One row of the staff directory, whatever its level (grid, building, unit, household, member):
 * the record as stored minus `phone` (masked into `phoneMasked`) and `bindCode` (never listed).
 */
export const directoryRowView = lazySchema(() =>
  z.object({
    _id: z.string(),
    /** Grids, buildings, units and members. */
    name: z.string().optional(),
    order: z.number().optional(),
    gridId: z.string().optional(),
    buildingId: z.string().optional(),
    unitId: z.string().optional(),
    householdId: z.string().optional(),
    workerUserId: z.string().nullable().optional(),
    headMemberId: z.string().nullable().optional(),
    /** Households: the full door number (staff need it). */
    door: z.string().optional(),
    room: z.string().optional(),
    gender: z.enum(['F', 'M']).optional(),
    birthYear: z.number().optional(),
    relation: z.string().optional(),
    partyMember: z.boolean().optional(),
    phoneMasked: z.string().optional()
  })
)
export type DirectoryRowView = z.infer<typeof directoryRowView>

/** Binding answers the household and its address without the door (3栋2单元). */
export const bindView = lazySchema(() => z.object({ householdId: z.string(), address: z.string() }))

/** A revealed number, shown once to the person who asked (logged). */
export const revealedPhoneView = lazySchema(() => z.object({ name: z.string(), phone: z.string() }))

/** One duty shift (值班) of the roster. */
export const dutyView = lazySchema(() =>
  z.object({
    id: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    personName: z.string(),
    place: z.string()
  })
)
export type DutyView = z.infer<typeof dutyView>

const openingRange = lazySchema(() => z.object({ open: z.string(), close: z.string() }))
const hotline = lazySchema(() => z.object({ name: z.string(), number: z.string() }))

/** The hall's weekly hours (Sunday first), its special days and the hotlines, for the staff editor. */
export const hallSettingsView = lazySchema(() =>
  z.object({
    weekly: z.array(z.array(openingRange)),
    exceptions: z.array(z.object({ date: z.string(), ranges: z.array(openingRange), note: z.string() })),
    hotlines: z.array(hotline)
  })
)
export type HallSettingsView = z.infer<typeof hallSettingsView>
