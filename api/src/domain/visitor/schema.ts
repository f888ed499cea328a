import { z } from 'zod'
import { contactTraits } from '../contact/schema.ts'

export const startVisitorSessionInput = z
  .object({
    websiteToken: z.string().trim().min(8, 'expected the inbox website token').max(64),
    /** A token from an earlier session: the same visitor comes back after a reload. */
    visitorToken: z.string().max(2000).optional(),
    identity: contactTraits
      .extend({
        userId: z.string().trim().min(1).max(200),
        userHash: z.string().trim().max(128).optional(),
      })
      .optional(),
  })
  .strict()

export type StartVisitorSessionInput = z.input<typeof startVisitorSessionInput>
