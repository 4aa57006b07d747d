/**
 * One community's view of the database (issue 20): the one place every read and write is scoped to a community.
 *
 * A street office (街道) runs one deployment for all its communities. Every document of a per-community collection
 * carries `communityId`; a function builds its deps over `scopeDb(db, scope)` for the community of the call
 * (router.ts), so a repository writes `db.collection('elders').where({ gridId })` and reads only its community's:
 * - `where(q)`, `count()`, `get()`, `update()`, `remove()` on a collection or query carry `communityId` in their
 *   condition (merged into `q`, which keeps the index on `communityId` first usable);
 * - `doc(id).get/update/remove` become `where({ _id: id, communityId })`: another community's id reads as missing,
 *   and an update or removal of it changes nothing (`updated` / `deleted` 0), the same request count as before;
 * - `add(doc)` and `doc(id).set(doc)` write the community into the document; an update may not move a document to
 *   another community. `set` upserts by `_id`, which is unique in the collection, not in the community: its id must
 *   be one of the community's own (a random id, one derived from its records' ids, or `keyIn(db, key)`);
 * - `aggregate()` starts with the community: its first `match` gets `communityId`, or a `match` is put first, and
 *   every sub-pipeline `$lookup` into a per-community collection, nested ones too, gets it in its first `$match`
 *   (scopedLookup). A `localField`/`foreignField` lookup follows the references of the community's own documents.
 * Street-wide collections (`street: true` in their CollectionSpec: `communities`, `idempotency`, `timer_runs`...) are
 * read and written as they are, but an aggregate from one joins only the community (streetCollection). The street's
 * people (`users`, a volunteer's one record) have their own rule (peopleCollection).
 *
 * `readOnly` is the view of a street role (街道管理员, 街道社工) in a community: every write throws, except the audit
 * entry that reading a person's details leaves; the router answers a write refused here as FORBIDDEN, in words.
 */
import type { Db } from './client'
import { isStreetCollection } from './collections'
import { DEFAULT_COMMUNITY_ID } from '../../core/community/community.model'
import { roamingRoles, streetRoles } from '../../core/community/roles'

export interface CommunityScope {
  communityId: string
  /** A street role reading a community: no writes but the audit entry. */
  readOnly?: boolean
}

/**
 * A write refused by a read-only (street role) view. The router answers it as FORBIDDEN with words a street office
 * reads (router.ts): an action open to anyone registered (answering a survey, booking the hall) is refused there, not
 * failed.
 */
export class ReadOnlyScopeError extends Error {
  override name = 'ReadOnlyScopeError'
}

/** The field every per-community document carries. */
export const COMMUNITY_KEY = 'communityId'

/** Collections a read-only scope may still write: reading a person's details is audited (design.md, data rules). */
const WRITABLE_WHEN_READ_ONLY = new Set(['audit'])

type AnyQuery = Record<string, (...args: unknown[]) => any>

const SCOPE = Symbol('community-scope')
const RAW = Symbol('community-scope-raw')

/** The community a scoped database serves, or null for the street-wide database. */
export function scopeOf(db: Db): CommunityScope | null {
  return (db as unknown as { [SCOPE]?: CommunityScope })[SCOPE] ?? null
}

/** `db` seen from one community (street-wide collections: CollectionSpec.street, collections.ts). */
export function scopeDb(db: Db, scope: CommunityScope): Db {
  const base = (db as unknown as { [SCOPE]?: CommunityScope })[SCOPE] ? unscoped(db) : db
  const scoped = Object.create(base as object) as Db & { [SCOPE]: CommunityScope; [RAW]: Db }
  scoped[SCOPE] = scope
  scoped[RAW] = base
  ;(scoped as unknown as { collection: (name: string) => unknown }).collection = (name: string) =>
    Object.prototype.hasOwnProperty.call(PEOPLE, name)
      ? peopleCollection(base, name, scope)
      : isStreetCollection(name)
        ? streetCollection(base, name, scope)
        : scopedCollection(base, name, scope)
  return scoped
}

/** The street-wide database under a scoped one (a street role's totals, the migration). */
export function unscoped(db: Db): Db {
  return (db as unknown as { [RAW]?: Db })[RAW] ?? db
}

function scopedCollection(db: Db, name: string, scope: CommunityScope): unknown {
  const coll = db.collection(name) as unknown as AnyQuery
  const key = scope.communityId
  const writable = !scope.readOnly || WRITABLE_WHEN_READ_ONLY.has(name)
  const refuseWrite = (op: string): void => {
    if (!writable) throw new ReadOnlyScopeError(`read-only community scope: ${op} on ${name} refused`)
  }
  const whereOf = (q: unknown): Record<string, unknown> => withCommunity(db, q, key, name)
  const all = (): AnyQuery => query(coll.where(whereOf({})))

  /** A query whose writes are checked; its builder methods keep it checked. */
  function query(q: AnyQuery): AnyQuery {
    const wrap: AnyQuery = {
      orderBy: (...a) => query(q.orderBy(...a)),
      limit: (...a) => query(q.limit(...a)),
      skip: (...a) => query(q.skip(...a)),
      field: (...a) => query(q.field(...a)),
      get: (...a) => q.get(...a),
      count: (...a) => q.count(...a),
      update: (data, ...a) => {
        refuseWrite('update')
        return q.update(keepCommunity(data, key, name), ...a)
      },
      updateAndReturn: (data, ...a) => {
        refuseWrite('update')
        return q.updateAndReturn(keepCommunity(data, key, name), ...a)
      },
      remove: (...a) => {
        refuseWrite('remove')
        return q.remove(...a)
      }
    }
    return wrap
  }

  return {
    where: (q: unknown) => query(coll.where(whereOf(q))),
    orderBy: (...a: unknown[]) => all().orderBy(...a),
    limit: (...a: unknown[]) => all().limit(...a),
    skip: (...a: unknown[]) => all().skip(...a),
    field: (...a: unknown[]) => all().field(...a),
    get: () => all().get(),
    count: () => all().count(),
    update: (data: unknown) => all().update(data),
    remove: () => all().remove(),
    add: (doc: unknown) => {
      refuseWrite('add')
      return coll.add(stamped(doc, key, name))
    },
    doc: (id: string) => {
      const one = (): AnyQuery => query(coll.where(whereOf({ _id: id })))
      return {
        get: () => one().limit(1).get(),
        update: (data: unknown) => one().update(data),
        remove: () => one().remove(),
        set: (data: unknown) => {
          refuseWrite('set')
          return (coll.doc as (id: string) => AnyQuery)(id).set(stamped(data, key, name))
        }
      }
    },
    aggregate: () => scopedAggregate(coll.aggregate() as AnyQuery, whereOf, key)
  }
}

/**
 * The street's people: street-wide records of a person, yet a community lists only its own (peopleCollection); with
 * the fields that name one person. `users` by OPENID (`_id`); a volunteer's one record (issue 20: they serve in any
 * community of the street) by its `_id` or its person's OPENID (`userId`), so a volunteer is found wherever they
 * serve, while a community's staff list, count and review only the volunteers who live there (`communityId`, home).
 */
const PEOPLE: Readonly<Record<string, readonly string[]>> = { users: ['_id'], volunteers: ['_id', 'userId'] }

/** The street's people's collections: street-wide, yet each record names its community (a migration stamps them). */
export const peopleCollections: readonly string[] = Object.keys(PEOPLE)

/**
 * `users` from a community (issue 20). The street's people are one collection, but a community sees:
 * - by identity (`doc(openId)`, `where({ _id })` with an id or `_.in` ids, an aggregate or lookup starting from one):
 *   the people with standing here (standingIn): its own, those given a role here (`rolesIn`), the street's roles, the
 *   street's volunteers (they may serve in any community) and newcomers in no community yet. Anyone else reads as
 *   missing: another community's resident is not found by their OPENID;
 * - by anything else (role, phone, household, name, a range of ids): its own people only (`communityId`), so a
 *   notice, a role's alert or a search never reaches another community;
 * - to change: its own people and newcomers only (writableIn): another community's volunteer is read, never changed.
 * A person added here belongs to this community unless the record names one. A repository that must read a person
 * of another community does so through `unscoped(db)`, saying why.
 */
function peopleCollection(db: Db, name: string, scope: CommunityScope): unknown {
  const coll = db.collection(name) as unknown as AnyQuery
  const key = scope.communityId
  const _ = db.command
  const ids = PEOPLE[name]
  // A volunteer's record is found and kept wherever they serve (their hours land on it from any community).
  const anywhere = name !== 'users'
  const both = (q: unknown, cond: unknown): unknown => (anywhere ? q : _.and([q as never, cond as never]))
  const standing = _.or([
    { [COMMUNITY_KEY]: key },
    { [COMMUNITY_KEY]: null },
    { [`rolesIn.${key}`]: _.exists(true) },
    { roles: _.in([...streetRoles, ...roamingRoles]) }
  ])
  const changeable = _.or([{ [COMMUNITY_KEY]: key }, { [COMMUNITY_KEY]: null }, { [`rolesIn.${key}`]: _.exists(true) }])
  const readable = (q: unknown): unknown => (byIdentity(q, ids) ? both(q, standing) : withCommunity(db, q, key, name))
  const stampedIfNone = (doc: unknown): unknown =>
    Array.isArray(doc)
      ? doc.map(stampedIfNone)
      : isPlain(doc) && (doc as Record<string, unknown>)[COMMUNITY_KEY] === undefined
        ? { ...(doc as Record<string, unknown>), [COMMUNITY_KEY]: key }
        : doc
  const refuse = (op: string): void => {
    if (scope.readOnly) throw new ReadOnlyScopeError(`read-only community scope: ${op} on ${name} refused`)
  }
  /** A query on `q`: reads see `readable(q)`; a change applies to `q` among the changeable only. */
  const query = (q: unknown, read: AnyQuery = coll.where(readable(q))): AnyQuery => {
    const change = (op: 'update' | 'remove' | 'updateAndReturn', args: unknown[]): unknown => {
      refuse(op)
      const target = coll.where(both(byIdentity(q, ids) ? q : readable(q), changeable))
      return (target[op] as (...a: unknown[]) => unknown)(...args)
    }
    return {
      orderBy: (...a) => query(q, read.orderBy(...a)),
      limit: (...a) => query(q, read.limit(...a)),
      skip: (...a) => query(q, read.skip(...a)),
      field: (...a) => query(q, read.field(...a)),
      get: (...a) => read.get(...a),
      count: (...a) => read.count(...a),
      update: (...a) => change('update', a),
      updateAndReturn: (...a) => change('updateAndReturn', a),
      remove: (...a) => change('remove', a)
    }
  }
  return {
    where: (q: unknown) => query(q),
    count: () => query({}).count(),
    get: () => query({}).get(),
    orderBy: (...a: unknown[]) => query({}).orderBy(...a),
    limit: (...a: unknown[]) => query({}).limit(...a),
    skip: (...a: unknown[]) => query({}).skip(...a),
    field: (...a: unknown[]) => query({}).field(...a),
    doc: (id: string) => {
      const one = query({ _id: id })
      return { get: () => one.limit(1).get(), update: one.update, remove: one.remove }
    },
    add: (doc: unknown) => {
      refuse('add')
      return coll.add(stampedIfNone(doc))
    },
    aggregate: () => {
      let started = false
      const first = (agg: AnyQuery): AnyQuery =>
        new Proxy(agg, {
          get(target, prop) {
            const value = target[prop as string]
            if (typeof value !== 'function') return value
            return (...args: unknown[]) => {
              if (!started) {
                started = true
                if (prop === 'match') return first(target.match(readable(args[0])) as AnyQuery)
                target = target.match(readable({})) as AnyQuery
              }
              const out =
                prop === 'lookup'
                  ? target.lookup(scopedLookup(args[0] as Lookup, key))
                  : target[prop as string](...args)
              return out && typeof out === 'object' && typeof out.then !== 'function' ? first(out as AnyQuery) : out
            }
          }
        })
      return first(coll.aggregate() as AnyQuery)
    }
  }
}

/** A condition that names people by identity: one of `fields` equal to an id, or among given ids. */
function byIdentity(q: unknown, fields: readonly string[]): boolean {
  if (!isPlain(q)) return false
  return fields.some(field => {
    const id = (q as Record<string, unknown>)[field]
    if (typeof id === 'string') return true
    return typeof id === 'object' && id !== null && (id as { operator?: unknown }).operator === 'in'
  })
}

/**
 * A street-wide collection as it is, but an aggregate from it (the caller's `users` record, issue 19's one-request
 * reads) joins only this community's documents: its sub-pipeline lookups are scoped (scopedLookup).
 */
function streetCollection(db: Db, name: string, scope: CommunityScope): unknown {
  const coll = db.collection(name) as unknown as AnyQuery
  return new Proxy(coll, {
    get(target, prop) {
      if (prop !== 'aggregate') return target[prop as string]
      return () => lookupsScoped(target.aggregate() as AnyQuery, scope.communityId)
    }
  })
}

function lookupsScoped(agg: AnyQuery, key: string): AnyQuery {
  return new Proxy(agg, {
    get(target, prop) {
      const value = target[prop as string]
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const out = prop === 'lookup' ? target.lookup(scopedLookup(args[0] as Lookup, key)) : value.apply(target, args)
        return out === target ? lookupsScoped(out as AnyQuery, key) : out
      }
    }
  })
}

/** The aggregate's first stage is the community: merged into a first `match`, else a `match` of its own first. */
function scopedAggregate(agg: AnyQuery, whereOf: (q: unknown) => Record<string, unknown>, key: string): AnyQuery {
  let started = false
  const stage = (target: AnyQuery, prop: string, args: unknown[]): unknown =>
    prop === 'lookup' ? target.lookup(scopedLookup(args[0] as Lookup, key)) : target[prop](...args)
  const follow = (a: AnyQuery): AnyQuery =>
    new Proxy(a, {
      get(target, prop) {
        if (typeof target[prop as string] !== 'function') return target[prop as string]
        return (...args: unknown[]) => {
          if (!started) {
            started = true
            if (prop === 'match') return follow(target.match(whereOf(args[0])))
            target = target.match(whereOf({})) as AnyQuery
          }
          const out = stage(target, prop as string, args) as AnyQuery
          return out && typeof out === 'object' && typeof out.then !== 'function' && prop !== 'end' ? follow(out) : out
        }
      }
    })
  return follow(agg)
}

/** A `$lookup` stage as the aggregate builder takes it. */
export interface Lookup {
  from: string
  pipeline?: unknown
  [field: string]: unknown
}

/**
 * A sub-pipeline `$lookup` into a per-community collection reads only the community: `communityId` joins its first
 * `$match` (keeping that match's index usable), or a `$match` of its own goes first. A `localField`/`foreignField`
 * lookup follows the references of documents already in the community, so it is left as it is.
 */
export function scopedLookup<L extends Lookup>(join: L, communityId: string): L {
  if (!Array.isArray(join.pipeline)) return join
  const people = join.from === 'users'
  if (!people && isStreetCollection(join.from)) return join
  const [first, ...rest] = scopedStages(join.pipeline as Array<Record<string, unknown>>, communityId)
  // People joined by identity (an `_id`, or an expression on the joining document's reference) are anyone's.
  if (people && first && isPlain(first.$match) && matchesIdentity(first.$match as Record<string, unknown>)) {
    return { ...join, pipeline: [{ ...first, $match: { $and: [first.$match, standingMatch(communityId)] } }, ...rest] }
  }
  if (first && isPlain(first.$match)) {
    const match = first.$match as Record<string, unknown>
    if (match[COMMUNITY_KEY] !== undefined && match[COMMUNITY_KEY] !== communityId) {
      throw new Error(`lookup ${join.from}: a condition names another community`)
    }
    return { ...join, pipeline: [{ ...first, $match: { ...match, [COMMUNITY_KEY]: communityId } }, ...rest] }
  }
  return { ...join, pipeline: [{ $match: { [COMMUNITY_KEY]: communityId } }, ...(first ? [first] : []), ...rest] }
}

/** peopleCollection's `standing`, as a pipeline's `$match` is written (the form the SDK sends). */
function standingMatch(communityId: string): Record<string, unknown> {
  return {
    $or: [
      { [COMMUNITY_KEY]: communityId },
      { [COMMUNITY_KEY]: null },
      { [`rolesIn.${communityId}`]: { $exists: true } },
      { roles: { $in: [...streetRoles, ...roamingRoles] } }
    ]
  }
}

/** A serialised `$match` that names people by identity: an `_id` (an id or `$in` ids), or an `$expr`. */
function matchesIdentity(match: Record<string, unknown>): boolean {
  const id = match._id
  const byId = typeof id === 'string' || (isPlain(id) && Object.keys(id as object).join() === '$in')
  return byId || (match.$expr !== undefined && Object.keys(match).length === 1)
}

/**
 * A sub-pipeline `$lookup` from a person's `users` record into a per-community collection, read in that person's own
 * community (their record's `communityId`; none: `fallback`, the street's first): for a call that names no community
 * (router.ts), whose community only the record says. `_id` or other conditions of the first `$match` keep their index;
 * the community is an `$expr` beside them. null when the join has lookups of its own (their community could not be
 * named the same way): scope it with scopedLookup and read again if the caller is elsewhere.
 */
export function homeLookup<L extends Lookup>(join: L, fallback: string): L | null {
  if (join.from === 'users') return null // the street's people have their own rule (scopedLookup)
  if (!Array.isArray(join.pipeline) || isStreetCollection(join.from)) return join
  const stages = join.pipeline as Array<Record<string, unknown>>
  if (stages.some(stage => stage.$lookup !== undefined)) return null
  const same = { $expr: { $eq: [`$${COMMUNITY_KEY}`, '$$linliHome'] } }
  const [first, ...rest] = stages
  const match = first && isPlain(first.$match) ? { $and: [first.$match, same] } : same
  const tail = first && isPlain(first.$match) ? rest : stages
  return {
    ...join,
    let: {
      ...((join.let as Record<string, unknown> | undefined) ?? {}),
      linliHome: { $ifNull: [`$${COMMUNITY_KEY}`, fallback] }
    },
    pipeline: [{ $match: match }, ...tail]
  }
}

/** A sub-pipeline's own `$lookup` stages, scoped the same way (a join of a join). */
function scopedStages(stages: Array<Record<string, unknown>>, communityId: string): Array<Record<string, unknown>> {
  return stages.map(stage =>
    isPlain(stage.$lookup) ? { ...stage, $lookup: scopedLookup(stage.$lookup as Lookup, communityId) } : stage
  )
}

/** `q` and this community: merged into a plain condition, or both under `and` for a command. */
function withCommunity(db: Db, q: unknown, key: string, name: string): Record<string, unknown> {
  if (q === undefined || q === null) return { [COMMUNITY_KEY]: key }
  if (isPlain(q)) {
    const given = (q as Record<string, unknown>)[COMMUNITY_KEY]
    if (given !== undefined && given !== key) throw new Error(`${name}: a condition names another community`)
    return { ...(q as Record<string, unknown>), [COMMUNITY_KEY]: key }
  }
  return db.command.and([q as never, { [COMMUNITY_KEY]: key }]) as unknown as Record<string, unknown>
}

/** A document written here belongs to this community, whatever it says. */
function stamped(doc: unknown, key: string, name: string): unknown {
  if (Array.isArray(doc)) return doc.map(d => stamped(d, key, name))
  if (!isPlain(doc)) throw new Error(`${name}: a document to write is a plain object`)
  const given = (doc as Record<string, unknown>)[COMMUNITY_KEY]
  if (given !== undefined && given !== key) throw new Error(`${name}: a document of another community`)
  return { ...(doc as Record<string, unknown>), [COMMUNITY_KEY]: key }
}

/** An update never moves a document to another community. */
function keepCommunity(data: unknown, key: string, name: string): unknown {
  if (isPlain(data) && COMMUNITY_KEY in (data as Record<string, unknown>)) {
    if ((data as Record<string, unknown>)[COMMUNITY_KEY] !== key) throw new Error(`${name}: moving a document`)
  }
  return data
}

function isPlain(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * A fixed `_id` of a per-community collection (the hall's settings, a day's menu), unique across the street: `_id`
 * is unique in a collection, not in a community. The first community keeps the bare key, so an installation from
 * before the street keeps its documents' ids; another community's is `<communityId>:<key>`.
 */
export function keyIn(db: Db, key: string): string {
  return keyFor(scopeOf(db)?.communityId ?? DEFAULT_COMMUNITY_ID, key)
}

/** `keyIn` for a community named by its id (a seed's plan, made before any database). */
export function keyFor(communityId: string, key: string): string {
  return communityId === DEFAULT_COMMUNITY_ID ? key : `${communityId}:${key}`
}
