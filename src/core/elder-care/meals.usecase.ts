/**
 * 助餐: a daily menu with an order cutoff (09:30 Shanghai by default), dine-in or delivery,
 * standing weekly orders, and the day's delivery round for volunteers.
 *
 * One order per elder per day: its `_id` is `${date}:${elderId}`, so a second order replaces the
 * first instead of adding a second meal. A standing order counts for a day unless that day has
 * its own order (placed or cancelled).
 */
import type { Caller } from '../community/caller'
import { maskPhone } from '../community/mask-phone'
import type { Result } from '../shared/wire'
import { fail, ok } from '../shared/wire'
import { actingFor, actingWith } from './acting.rule'
import type { DailyMenu, MealMode, MealOrder, StandingOrder } from './elder-care.model'
import type { ElderCareDeps } from './elder-care.ports'
import type { DayMeals, MenuView, MyMeals } from './elder-care.views'
import { isoWeekday, shanghaiDate, shanghaiInstant } from '../shared/shanghai-time'
import { effectiveOrder, mealModeLabels, orderOpen } from './meals.rule'

export async function saveMenu(
  deps: ElderCareDeps,
  input: { date: string; lunch: Array<{ name: string; price: number }>; cutoff: string; delivery: boolean },
  caller: Caller
): Promise<Result<MenuView, never>> {
  const menu: DailyMenu = {
    _id: input.date,
    date: input.date,
    lunch: input.lunch,
    cutoff: input.cutoff,
    delivery: input.delivery,
    updatedBy: caller.openId,
    updatedAt: deps.clock.now()
  }
  await deps.meals.saveMenu(menu)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.save-menu',
    target: `meal_menus/${menu._id}`,
    data: { dishes: menu.lunch.length }
  })
  return ok(menuViewOf(menu))
}

/** The menu as residents read it (not who saved it). */
const menuViewOf = (m: DailyMenu): MenuView => ({
  date: m.date,
  lunch: m.lunch,
  cutoff: m.cutoff,
  delivery: m.delivery
})

export async function myMeals(
  deps: ElderCareDeps,
  input: { elderId?: string; date?: string },
  caller: Caller
): Promise<Result<MyMeals, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const now = deps.clock.now()
  const date = input.date ?? shanghaiDate(now)
  // Who acts, the day's menu, her order of the day and her standing order, in one read.
  const actingRes = await actingWith(deps, caller, input.elderId, { meals: { date } })
  if (!actingRes.ok) return actingRes
  const { menu = null, order: own = null, standing = null } = actingRes.value.case.meals ?? {}
  const eff = menu ? effectiveOrder(date, own, standing) : null
  return ok({
    date,
    menu: menu ? menuViewOf(menu) : null,
    open: menu ? orderOpen(menu, now) : false,
    cutoffAt: menu ? shanghaiInstant(date, menu.cutoff) : null,
    order: eff ? { ...eff, modeLabel: mealModeLabels[eff.mode] } : null,
    standing: standing?.active ? { weekdays: standing.weekdays, mode: standing.mode } : null
  })
}

async function writeOrder(
  deps: ElderCareDeps,
  input: { elderId?: string; date: string },
  caller: Caller,
  mode: MealMode | null
): Promise<Result<MyMeals, 'NOT_FOUND' | 'FORBIDDEN' | 'NO_MENU' | 'ORDER_CLOSED' | 'NO_DELIVERY'>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const menu = await deps.meals.menu(input.date)
  if (!menu) return fail('NO_MENU', '这一天还没有菜单，暂不能订餐')
  const now = deps.clock.now()
  if (!orderOpen(menu, now)) return fail('ORDER_CLOSED', `今天的订餐已在${menu.cutoff}截止，请明天再订或打电话给助餐点`)
  if (mode === 'delivery' && !menu.delivery) return fail('NO_DELIVERY', '这一天不提供送餐，请选择堂食')
  const { elder } = acting
  const order: MealOrder = {
    _id: `${input.date}:${elder._id}`,
    date: input.date,
    elderId: elder._id,
    elderName: elder.name,
    gridId: elder.gridId,
    householdId: elder.householdId,
    mode: mode ?? 'dine_in',
    status: mode ? 'ordered' : 'cancelled',
    source: 'single',
    by: caller.openId,
    proxy: acting.proxy,
    at: now
  }
  await deps.meals.saveOrder(order)
  await deps.audit.record({
    actor: caller.openId,
    action: mode ? 'elder-care.order-meal' : 'elder-care.cancel-meal',
    target: `meal_orders/${order._id}`,
    reason: acting.proxy ? '家属代办' : undefined,
    data: { mode }
  })
  return await myMeals(deps, { elderId: elder._id, date: input.date }, caller)
}

export const orderMeal = async (
  deps: ElderCareDeps,
  input: { elderId?: string; date: string; mode: MealMode },
  caller: Caller
) => await writeOrder(deps, input, caller, input.mode)

export const cancelMeal = async (deps: ElderCareDeps, input: { elderId?: string; date: string }, caller: Caller) =>
  await writeOrder(deps, input, caller, null)

export async function setStandingOrder(
  deps: ElderCareDeps,
  input: { elderId?: string; weekdays: number[]; mode: MealMode },
  caller: Caller
): Promise<Result<MyMeals, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const actingRes = await actingFor(deps, caller, input.elderId)
  if (!actingRes.ok) return actingRes
  const acting = actingRes.value
  const s: StandingOrder = {
    _id: acting.elder._id,
    elderId: acting.elder._id,
    weekdays: [...new Set(input.weekdays)].sort(),
    mode: input.mode,
    active: input.weekdays.length > 0,
    by: caller.openId,
    at: deps.clock.now()
  }
  await deps.meals.saveStanding(s)
  await deps.audit.record({
    actor: caller.openId,
    action: 'elder-care.standing-order',
    target: `meal_standing/${s._id}`,
    reason: acting.proxy ? '家属代办' : undefined,
    data: { weekdays: s.weekdays, mode: s.mode }
  })
  return await myMeals(deps, { elderId: acting.elder._id }, caller)
}

/** Staff and volunteers: who eats what today, and the delivery round. */
export async function dayMeals(
  deps: ElderCareDeps,
  input: { date?: string },
  caller: Caller
): Promise<Result<DayMeals, never>> {
  const date = input.date ?? shanghaiDate(deps.clock.now())
  // The day's orders, the weekday's standing orders, their elders with door and phone, in one read. The caller has a
  // `users` record (the router found her roles there); none reads as a day with no meals.
  const day = (await deps.meals.day(caller.openId, date, isoWeekday(date))) ?? { orders: [], standing: [], elders: [] }
  const { orders, standing } = day
  const elders = new Map(day.elders.map(c => [c.elder._id, c]))
  const own = new Map(orders.map(o => [o.elderId, o]))
  const meals: Array<{ elderId: string; mode: MealMode; source: 'single' | 'standing' }> = []
  for (const o of orders) {
    const eff = effectiveOrder(date, o, null)
    if (eff) meals.push({ elderId: o.elderId, ...eff })
  }
  for (const s of standing) {
    if (own.has(s.elderId)) continue
    const eff = effectiveOrder(date, null, s)
    if (eff) meals.push({ elderId: s.elderId, ...eff })
  }
  const round: DayMeals['round'] = []
  const dineInNames: string[] = []
  for (const m of meals) {
    const hers = elders.get(m.elderId)
    if (!hers) continue
    if (m.mode === 'dine_in') {
      dineInNames.push(hers.elder.name)
      continue
    }
    round.push({
      elderName: hers.elder.name,
      address: hers.home?.door ?? '',
      phone: maskPhone(hers.home?.phone),
      source: m.source
    })
  }
  round.sort((a, b) => a.address.localeCompare(b.address, 'zh-Hans-CN', { numeric: true }))
  return ok({ date, dineIn: dineInNames.length, delivery: round.length, round, dineInNames })
}
