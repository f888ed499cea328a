import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import type { Agent, LabelRef } from '../client/shapes.ts'

export interface InboxSettings {
  id: string
  name: string
  channel: string
  websiteToken: string | null
  allowedDomains: string[]
  requireIdentityVerification: boolean
  identitySecret: string | null
  createdAt: string
  widget: {
    color: string
    greeting: string
    launcherText: string
    position: 'LEFT' | 'RIGHT'
    replyTime: 'FEW_MINUTES' | 'FEW_HOURS' | 'A_DAY'
    preChatForm: { enabled: boolean; requireEmail: boolean }
    businessHours: BusinessHours
    outOfOfficeMessage: string
  }
}

export interface BusinessHours {
  enabled: boolean
  /** IANA time zone. */
  timezone: string
  /** day 0 is Sunday; open inclusive, close exclusive, "HH:MM". */
  days: { day: number; open: string; close: string }[]
}

export interface SettingsData {
  inboxes: InboxSettings[]
  agents: Agent[]
  teams: { id: string; name: string; members: { id: string; name: string }[] }[]
  labels: LabelRef[]
}

/** Runs a mutation and keeps its outcome for the form: a saved note or the API's message. */
export function useSubmit() {
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: string | null }>({ busy: false, error: null, done: null })
  const run = async (fn: () => Promise<{ error?: unknown }>, done: string) => {
    setState({ busy: true, error: null, done: null })
    const res = await fn()
    setState({ busy: false, error: res.error ? errorMessage(res.error) : null, done: res.error ? null : done })
    return !res.error
  }
  return { ...state, run }
}

export function FormStatus(props: { error: string | null; done: string | null }) {
  if (props.error) {
    return (
      <p class="banner banner--error" role="alert">
        {props.error}
      </p>
    )
  }
  if (props.done) {
    return (
      <p class="banner banner--success" role="status">
        {props.done}
      </p>
    )
  }
  return null
}

export function Card(props: { title?: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card">
      {(props.title || props.actions) && (
        <header class="card__header">
          {props.title && <h3>{props.title}</h3>}
          {props.actions}
        </header>
      )}
      {props.children}
    </section>
  )
}
