import { z } from 'zod'
import { contactTraits } from '../contact/schema.ts'

/** What the widget knows about where the visitor is; shown to agents in the contact panel. */
export const visitorContext = z
  .object({
    pageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    pageTitle: z.string().max(300).optional(),
    referrer: z.union([z.url({ protocol: /^https?$/ }).max(2000), z.literal('')]).optional(),
    userAgent: z.string().max(500).optional(),
    timezone: z.string().max(64).regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'expected an IANA time zone like Europe/Paris').optional(),
    locale: z.string().max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag like en-GB').optional(),
  })
  .strict()

export type VisitorContext = z.infer<typeof visitorContext>

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
    context: visitorContext.optional(),
  })
  .strict()

export type StartVisitorSessionInput = z.input<typeof startVisitorSessionInput>
