/** Hotlines as staff type them, one a line: 名称 号码 (the hall's settings, a new community). */
export interface HotlineLines {
  hotlines: Array<{ name: string; number: string }>
  /** The first line that does not read as 名称 号码 (0-based), else -1: nothing is sent until it does. */
  badLine: number
}

export function parseHotlineLines(text: string): HotlineLines {
  const parsed = text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .map(l => {
      const m = /^(.+?)\s+([0-9-]+)$/.exec(l)
      return m ? { name: m[1], number: m[2] } : null
    })
  return {
    hotlines: parsed.filter(x => x !== null),
    badLine: parsed.findIndex(x => x === null)
  }
}
