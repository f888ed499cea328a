import type { Identity } from '../chat/api.ts'

/** What the loader draws and the app steers: the launcher button and its badge. */
export interface LauncherState {
  open: boolean
  unread: number
  text?: string
  color?: string
  position?: 'LEFT' | 'RIGHT'
}

/** Handed by the loader (widget.js) to the app (app.js) when it loads. */
export interface MountContext {
  root: ShadowRoot
  /** Origin (and path prefix) of the Parley API the script was loaded from. */
  base: string
  token: string
  button: HTMLButtonElement
  launcher: (next: Partial<LauncherState>) => void
  /** `data-sound="on"` on the script tag: a short chime for replies while the chat is not in view. */
  sound?: boolean
}

export type PublicEvent = 'open' | 'close' | 'message' | 'unread' | 'ready' | 'error' | 'identified'

/** window.Parley: the whole public surface of the widget. */
export interface AppApi {
  open(): void
  close(): void
  toggle(): void
  identify(identity: { userId: string; userHash?: string; name?: string; email?: string; traits?: Record<string, unknown> } | Identity): Promise<void>
  on(event: PublicEvent, fn: (data?: unknown) => void): () => void
  shutdown(): void
}
