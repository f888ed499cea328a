import { z } from 'zod'

export const conversationStatus = z.enum(['open', 'pending', 'snoozed', 'resolved'])
export const conversationPriority = z.enum(['none', 'low', 'medium', 'high', 'urgent'])

export interface Conversation {
  id: string
  accountId: string
  inboxId: string
  contactId: string
  number: number
  status: z.infer<typeof conversationStatus>
  priority: z.infer<typeof conversationPriority>
  assigneeId: string | null
  teamId: string | null
  snoozedUntil: Date | null
  waitingSince: Date | null
  firstReplyAt: Date | null
  lastSeq: number
  lastActivityAt: Date
  createdAt: Date
}

export const listConversationsInput = z
  .object({
    status: conversationStatus.optional(),
    assignee: z.enum(['me', 'unassigned', 'any']).default('any'),
    inboxId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    label: z.string().trim().toLowerCase().max(40).optional(),
    contactId: z.uuid().optional(),
    /** Contact name, email or phone, the conversation number, or words of a message. */
    search: z.string().trim().min(1).max(200).optional(),
    first: z.number().int().min(1).max(100).default(25),
    after: z.string().max(200).optional(),
  })
  .strict()

export const setStatusInput = z
  .object({
    conversationId: z.uuid(),
    status: conversationStatus,
    snoozedUntil: z.coerce.date().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === 'snoozed' && !v.snoozedUntil) {
      ctx.addIssue({ code: 'custom', path: ['snoozedUntil'], message: 'required when status is snoozed' })
    }
    if (v.status === 'snoozed' && v.snoozedUntil && v.snoozedUntil.getTime() <= Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['snoozedUntil'], message: 'must be in the future' })
    }
    if (v.status !== 'snoozed' && v.snoozedUntil) {
      ctx.addIssue({ code: 'custom', path: ['snoozedUntil'], message: 'only allowed when status is snoozed' })
    }
  })

export const assignInput = z
  .object({ conversationId: z.uuid(), agentId: z.uuid().nullable().optional(), teamId: z.uuid().nullable().optional() })
  .strict()

export const setPriorityInput = z.object({ conversationId: z.uuid(), priority: conversationPriority }).strict()

export const labelsInput = z
  .object({ conversationId: z.uuid(), labels: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20) })
  .strict()
