import { useMutation, useQuery } from '@urql/preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { SET_AVAILABILITY } from '../client/documents.ts'
import type { Availability } from '../client/shapes.ts'
import { Avatar } from '../ui/avatar.tsx'
import { Icon } from '../ui/icons.tsx'
import { useConsole } from './live.ts'
import { askNotificationPermission, notificationPermission } from './notify.ts'

const IDLE_MS = 10 * 60_000
const LABEL: Record<Availability, string> = { ONLINE: 'Online', AWAY: 'Away', OFFLINE: 'Offline' }
const CHOSEN_KEY = 'parley.console.availability'
const ME_LIVE = `query MeLive { me { id name email availability } }`

/** The agent's menu: availability (with auto-away after idle), notifications, sign out. */
export function Presence() {
  const { me, signOut } = useConsole()
  const [{ data }] = useQuery<{ me: { availability: Availability } | null }>({ query: ME_LIVE })
  const [, setAvailability] = useMutation(SET_AVAILABILITY)
  const availability = data?.me?.availability ?? me.availability
  const [open, setOpen] = useState(false)
  const [permission, setPermission] = useState(notificationPermission())
  const autoAway = useRef(false)
  const current = useRef(availability)
  current.current = availability

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const arm = () => {
      clearTimeout(timer)
      if (autoAway.current && current.current === 'AWAY') {
        autoAway.current = false
        void setAvailability({ availability: 'ONLINE' })
      }
      timer = setTimeout(() => {
        if (current.current !== 'ONLINE') return
        autoAway.current = true
        void setAvailability({ availability: 'AWAY' })
      }, IDLE_MS)
    }
    const events = ['pointermove', 'keydown', 'focus'] as const
    events.forEach((e) => addEventListener(e, arm, { passive: true }))
    arm()
    return () => {
      clearTimeout(timer)
      events.forEach((e) => removeEventListener(e, arm))
    }
  }, [])

  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => !(e.target as HTMLElement).closest('.presence') && setOpen(false)
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    addEventListener('click', close)
    addEventListener('keydown', esc)
    return () => {
      removeEventListener('click', close)
      removeEventListener('keydown', esc)
    }
  }, [open])

  // Opening the console means being at work, unless the agent chose "offline" on purpose.
  useEffect(() => {
    if (current.current === 'OFFLINE' && localStorage.getItem(CHOSEN_KEY) !== 'OFFLINE') void setAvailability({ availability: 'ONLINE' })
  }, [])

  const choose = (a: Availability) => {
    localStorage.setItem(CHOSEN_KEY, a)
    autoAway.current = false
    void setAvailability({ availability: a })
    setOpen(false)
  }

  return (
    <div class="presence">
      <button
        type="button"
        class="presence__button"
        aria-label={`${me.name}, ${LABEL[availability]}. Account menu`}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen(!open)}
      >
        <Avatar id={me.id} name={me.name} status={availability} />
      </button>
      {open && (
        <div class="menu menu--up" role="menu" aria-label="Account">
          <div class="menu__header">
            <strong>{me.name}</strong>
            <span class="muted">{me.email}</span>
          </div>
          {(['ONLINE', 'AWAY', 'OFFLINE'] as const).map((a) => (
            <button type="button" role="menuitemradio" aria-checked={a === availability} class="menu__item" key={a} onClick={() => choose(a)}>
              <span class={`dot dot--${a.toLowerCase()}`} /> {LABEL[a]}
              {a === availability && <Icon name="check" size={16} class="menu__check" />}
            </button>
          ))}
          <div class="menu__sep" />
          {permission === 'default' && (
            <button type="button" role="menuitem" class="menu__item" onClick={async () => setPermission(await askNotificationPermission())}>
              <Icon name="bell" size={16} /> Enable desktop notifications
            </button>
          )}
          <button type="button" role="menuitem" class="menu__item" onClick={signOut}>
            <Icon name="logout" size={16} /> Sign out
          </button>
        </div>
      )}
    </div>
  )
}
