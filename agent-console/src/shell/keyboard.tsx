import { useEffect, useRef } from 'preact/hooks'
import { Icon } from '../ui/icons.tsx'

const typingInto = (t: EventTarget | null) => {
  const el = t as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/**
 * A single-key shortcut (no modifiers), ignored while the agent types in a field or a
 * dialog is open. The latest handler is always used.
 */
export function useShortcut(keys: string | string[], handler: (e: KeyboardEvent) => void, enabled = true) {
  const ref = useRef(handler)
  ref.current = handler
  const list = Array.isArray(keys) ? keys : [keys]
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || typingInto(e.target)) return
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
      if (!list.includes(e.key)) return
      // Enter on a focused button or link is that control's own action, not a shortcut.
      if (e.key === 'Enter' && (e.target as HTMLElement | null)?.closest?.('button, a, [role="button"], [role="tab"], [role="menuitem"]')) return
      e.preventDefault()
      ref.current(e)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [enabled, list.join(' ')])
}

export function useGlobalKeys(opts: { onHelp(): void }) {
  useShortcut('?', opts.onHelp)
}

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous conversation in the list'],
  ['Enter', 'Open the highlighted conversation'],
  ['r', 'Write a reply'],
  ['n', 'Write a private note'],
  ['e', 'Resolve (or reopen) the conversation'],
  ['a', 'Assign the conversation to me'],
  ['/', 'Search the list'],
  ['Esc', 'Leave the composer or close a dialog'],
  ['?', 'Show these shortcuts'],
]

export function KeyboardHelp(props: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    close.current?.focus()
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose()
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [])
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="kbd-title">
        <header class="modal__header">
          <h2 id="kbd-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" class="icon-btn" onClick={props.onClose} aria-label="Close">
            <Icon name="x" />
          </button>
        </header>
        <dl class="shortcuts">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>
                {k.split(' / ').map((part, i) => (
                  <>
                    {i > 0 && ' / '}
                    <kbd>{part}</kbd>
                  </>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  )
}
