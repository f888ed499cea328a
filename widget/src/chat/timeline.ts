import type { ChatMessage } from './api.ts'
import type { OutboxEntry } from './outbox.ts'

export type ItemStatus = 'sending' | 'failed' | 'sent' | 'delivered' | 'read'

export interface TimelineItem {
  key: string
  mine: boolean
  senderName: string | null
  body: string
  at: string
  /** Only for the visitor's own messages. */
  status?: ItemStatus
  error?: string
}

export interface FailedEntry extends OutboxEntry {
  error: string
}

/**
 * Adds a stored message by sequence number; returns the same array when it is already
 * there, so replays, send responses and other tabs never show a message twice.
 */
export function insertMessage(list: ChatMessage[], m: ChatMessage): ChatMessage[] {
  let i = list.length
  while (i > 0 && list[i - 1]!.seq > m.seq) i--
  if (i > 0 && list[i - 1]!.seq === m.seq) return list
  return [...list.slice(0, i), m, ...list.slice(i)]
}

/** What the visitor sees: stored messages in sequence order, then unsent ones in the order written. */
export function buildTimeline(
  messages: ChatMessage[],
  pending: OutboxEntry[],
  failed: FailedEntry[],
  readSeqOfOtherSide: number,
  deliveredSeqOfOtherSide = 0,
): TimelineItem[] {
  const stored = new Set(messages.map((m) => m.clientMessageId).filter(Boolean))
  const items: TimelineItem[] = messages.map((m) => {
    const mine = m.senderType === 'VISITOR'
    return {
      key: m.clientMessageId ?? m.id,
      mine,
      senderName: m.senderName,
      body: m.body,
      at: m.createdAt,
      // Read and delivered are positions: every visitor message at or below them.
      status: !mine
        ? undefined
        : m.seq <= readSeqOfOtherSide || m.deliveryStatus === 'READ'
          ? 'read'
          : m.seq <= deliveredSeqOfOtherSide || m.deliveryStatus === 'DELIVERED'
            ? 'delivered'
            : 'sent',
    }
  })
  for (const e of pending) {
    if (!stored.has(e.clientMessageId)) items.push({ key: e.clientMessageId, mine: true, senderName: null, body: e.body, at: new Date(e.at).toISOString(), status: 'sending' })
  }
  for (const e of failed) {
    if (!stored.has(e.clientMessageId)) items.push({ key: e.clientMessageId, mine: true, senderName: null, body: e.body, at: new Date(e.at).toISOString(), status: 'failed', error: e.error })
  }
  return items
}
