/**
 * A person's name for those who need to know someone, not who (design.md, PIPL: the minimum): the first and last
 * characters kept (张*芳, 李*), as a verification page or a street-wide list shows it.
 */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
