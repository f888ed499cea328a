import { z } from 'zod'

export interface Contact {
  id: string
  accountId: string
  name: string | null
  email: string | null
  phone: string | null
  attributes: Record<string, unknown>
  lastSeenAt: Date | null
  createdAt: Date
}

export interface ContactIdentity {
  id: string
  kind: 'visitor' | 'user' | 'email' | 'phone'
  value: string
  verified: boolean
}

/** Traits a visitor (or the host page through `identify`) may set about itself. */
export const contactTraits = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
    attributes: z.record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).optional(),
  })
  .strict()

export type ContactTraits = z.infer<typeof contactTraits>
