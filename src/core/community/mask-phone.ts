/**
 * Phone numbers leave the server masked for everyone who does not need them (design.md, PIPL).
 * A mainland mobile keeps its first 3 and last 4 digits (`138****0000`), which is what people
 * are used to seeing on receipts; anything else keeps only its last 4 characters' worth of digits.
 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  const digits = phone.replace(/[\s-]/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (digits.length <= 4) return '*'.repeat(digits.length)
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`
}
