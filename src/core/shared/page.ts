/**
 * A page of a list, as every list action answers it (design.md: 20 per page): its rows and the
 * cursor of the next page, null on the last. One shape on both sides of the wire.
 */
import * as z from 'zod'

export interface Page<T> {
  items: T[]
  cursor: string | null
}

/** The reply schema of a list action whose rows parse with `item`. */
export function pageSchema<S extends z.ZodType>(
  item: S
): z.ZodObject<{ items: z.ZodArray<S>; cursor: z.ZodNullable<z.ZodString> }> {
  return z.object({ items: z.array(item), cursor: z.string().nullable() })
}
