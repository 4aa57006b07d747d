import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { parseEjson, parseObject, parseStored, stringifyDoc } from './ejson'

const now = Date.UTC(2024, 0, 1)
const enc = (v: unknown): string => EJSON.stringify(v as object, { relaxed: false })

describe('ejson', () => {
  it('parses canonical numbers as plain numbers and dates as Dates', () => {
    const doc = parseObject(enc({ n: 5, x: 1.5, big: 2 ** 40, d: new Date(7) }), 'data', { now })
    expect(doc).toEqual({ n: 5, x: 1.5, big: 2 ** 40, d: new Date(7) })
  })

  it('turns $tcb_server_date into the server time plus offset', () => {
    const doc = parseObject(
      enc({ at: { $tcb_server_date: { offset: 1000 } }, nested: [{ t: { $tcb_server_date: { offset: 0 } } }] }),
      'data',
      { now }
    )
    expect(doc.at).toEqual(new Date(now + 1000))
    expect((doc.nested as Array<{ t: Date }>)[0].t).toEqual(new Date(now))
  })

  it('converts regular expressions for queries and keeps them for stored data', () => {
    const text = enc({ name: new BSONRegExp('^a', 'ix') })
    const q = parseObject(text, 'query', { now, regexToJs: true })
    expect(q.name).toEqual(/^a/i)
    expect(parseObject(text, 'data', { now }).name).toBeInstanceOf(BSONRegExp)
    expect(() => parseObject(enc({ name: new BSONRegExp('(', '') }), 'query', { now, regexToJs: true })).toThrow(
      /invalid regular expression/
    )
  })

  it('refuses what could corrupt or crash: bad EJSON, bad dates, prototype keys, deep nesting', () => {
    expect(() => parseObject('{"a":', 'query', { now })).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
    expect(() => parseObject(42, 'query', { now })).toThrow(/EJSON string/)
    expect(() => parseObject('[1]', 'query', { now })).toThrow(/must be an object/)
    expect(() => parseObject('{"a":{"$oid":"zz"}}', 'query', { now })).toThrow(/not valid EJSON/)
    expect(() => parseObject('{"a":{"$date":"not a date"}}', 'data', { now })).toThrow(/invalid date/)
    expect(() => parseObject('{"$set":{"__proto__.polluted":1}}', 'data', { now })).toThrow(/not allowed/)
    expect(() => parseObject('{"constructor":{"prototype":{"x":1}}}', 'data', { now })).toThrow(/not allowed/)
    expect(() => parseEjson('['.repeat(200) + ']'.repeat(200), 'data', { now })).toThrow(/nested too deeply/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('round-trips every EJSON type through storage', () => {
    const doc = {
      _id: 'a',
      oid: new ObjectId('65a1b2c3d4e5f60718293a4b'),
      d: new Date(1),
      n: 1,
      f: 0.5,
      s: 'x',
      arr: [1, 'b', null],
      o: { k: true }
    }
    const body = stringifyDoc(doc)
    expect(body).toContain('"$oid":"65a1b2c3d4e5f60718293a4b"')
    expect(body).toContain('"$date":{"$numberLong":"1"}')
    const back = parseStored(body)
    expect(back).toEqual(doc)
    expect(stringifyDoc(back)).toBe(body)
  })
})
