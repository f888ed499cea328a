import { createContext } from 'preact'
import { useContext, useEffect, useRef, useState } from 'preact/hooks'
import type { Agent } from '../client/shapes.ts'

type Listener = () => void

/** Who is typing where: short-lived, so it lives beside the cache rather than in it. */
export class TypingStore {
  private typing = new Map<string, { since: number }>()
  private listeners = new Set<Listener>()
  private timers = new Map<string, ReturnType<typeof setTimeout>>()

  set(conversationId: string, isTyping: boolean) {
    clearTimeout(this.timers.get(conversationId))
    if (isTyping) {
      this.typing.set(conversationId, { since: Date.now() })
      // A visitor whose "stopped" never arrives (closed tab) stops showing after a while.
      this.timers.set(conversationId, setTimeout(() => this.set(conversationId, false), 8000))
    } else this.typing.delete(conversationId)
    this.listeners.forEach((l) => l())
  }

  isTyping(conversationId: string) {
    return this.typing.has(conversationId)
  }

  subscribe(l: Listener) {
    this.listeners.add(l)
    return () => void this.listeners.delete(l)
  }
}

export interface ConsoleState {
  me: Agent
  typing: TypingStore
  /** Bumped when the event stream becomes live (at start and after a drop): views refetch what they show. */
  epoch: number
  socket: 'connecting' | 'live' | 'offline'
  signOut(): void
}

export const ConsoleContext = createContext<ConsoleState | null>(null)

export function useConsole(): ConsoleState {
  const s = useContext(ConsoleContext)
  if (!s) throw new Error('useConsole outside the console')
  return s
}

export function useVisitorTyping(conversationId: string | undefined): boolean {
  const { typing } = useConsole()
  const [, force] = useState(0)
  useEffect(() => typing.subscribe(() => force((n) => n + 1)), [typing])
  return conversationId ? typing.isTyping(conversationId) : false
}

/** Re-renders every `ms` so relative times ("5m") stay true. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}

/** Refetches a query from the network each time the event stream becomes live after it mounted. */
export function useCatchUp(reexecute: (opts: { requestPolicy: 'network-only' }) => void) {
  const { epoch } = useConsole()
  const seen = useRef(epoch)
  useEffect(() => {
    if (epoch === seen.current) return
    seen.current = epoch
    reexecute({ requestPolicy: 'network-only' })
  }, [epoch])
}
