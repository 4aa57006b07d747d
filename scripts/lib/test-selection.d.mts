/** Types of test-selection.mjs (for its test). */
export function inProcessOnly(args: string[]): boolean
