import { z } from 'zod'

export type SenderType = 'visitor' | 'agent' | 'bot' | 'system'
export type MessageKind = 'text' | 'note' | 'event'

export interface Message {
  id: string
  accountId: string
  conversationId: string
  seq: number
  clientMessageId: string | null
  senderType: SenderType
  senderId: string | null
  kind: MessageKind
  body: string
  metadata: Record<string, unknown>
  deliveryStatus: 'stored' | 'delivered' | 'read' | 'failed'
  createdAt: Date
}

export const clientMessageId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected 1-100 letters, digits, - or _ (a UUID works)')

/** Body limits come from config, so the schema is built per call. */
export function sendMessageInput(maxLength: number) {
  return z
    .object({
      conversationId: z.uuid(),
      clientMessageId,
      body: z
        .string()
        .max(maxLength, `at most ${maxLength} characters`)
        .refine((s) => s.trim().length > 0, 'must not be empty'),
      kind: z.enum(['text', 'note']).default('text'),
    })
    .strict()
}

export const listMessagesInput = z
  .object({
    conversationId: z.uuid(),
    afterSeq: z.number().int().min(0).optional(),
    beforeSeq: z.number().int().min(1).optional(),
    first: z.number().int().min(1).max(200).default(50),
  })
  .strict()

export const markReadInput = z.object({ conversationId: z.uuid(), seq: z.number().int().min(0) }).strict()
