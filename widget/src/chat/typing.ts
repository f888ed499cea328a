/**
 * The visitor's typing signal: "typing" at most once per `refreshMs` while keys are
 * pressed, "stopped" after `idleMs` without one or when the message is sent — a burst of
 * keystrokes costs agents one event, not one per key.
 */
export function createTypingSignal(send: (isTyping: boolean) => void, refreshMs = 3000, idleMs = 4000) {
  let sentAt = 0
  let idle: ReturnType<typeof setTimeout> | undefined
  const stop = () => {
    clearTimeout(idle)
    if (!sentAt) return
    sentAt = 0
    send(false)
  }
  return {
    keystroke() {
      const now = Date.now()
      if (now - sentAt > refreshMs) {
        sentAt = now
        send(true)
      }
      clearTimeout(idle)
      idle = setTimeout(stop, idleMs)
    },
    stop,
  }
}
