import type { z } from 'zod'
import { AppError } from './errors.ts'

/** Parses a boundary input with zod; a failure becomes BAD_USER_INPUT naming the field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix: string[] = []): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw AppError.fromZod(result.error, prefix)
  return result.data
}
