import { useMutation } from '@urql/preact'
import { useState } from 'preact/hooks'
import { CREATE_AGENT, UPDATE_AGENT } from '../client/documents.ts'
import type { Role } from '../client/shapes.ts'
import { useConsole } from '../shell/live.ts'
import { Avatar } from '../ui/avatar.tsx'
import { Card, FormStatus, useSubmit, type SettingsData } from './shared.tsx'

export function AgentsSettings({ data }: { data: SettingsData }) {
  const { me } = useConsole()
  const [, create] = useMutation(CREATE_AGENT)
  const [, update] = useMutation(UPDATE_AGENT)
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'AGENT' as Role })
  const submit = useSubmit()
  const rowAction = useSubmit()
  const set = (p: Partial<typeof form>) => setForm({ ...form, ...p })
  return (
    <>
      <Card title="Add an agent">
        <form
          class="form-grid"
          onSubmit={async (e) => {
            e.preventDefault()
            const ok = await submit.run(() => create({ input: { ...form, email: form.email.trim(), name: form.name.trim() } }), `${form.name.trim()} can now sign in with ${form.email.trim()}.`)
            if (ok) setForm({ name: '', email: '', password: '', role: 'AGENT' })
          }}
        >
          <label class="field">
            <span>Name</span>
            <input value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} required autocomplete="off" />
          </label>
          <label class="field">
            <span>Email</span>
            <input type="email" value={form.email} onInput={(e) => set({ email: e.currentTarget.value })} required autocomplete="off" />
          </label>
          <label class="field">
            <span>Initial password</span>
            <input type="password" value={form.password} onInput={(e) => set({ password: e.currentTarget.value })} required minLength={8} autocomplete="new-password" placeholder="At least 8 characters" />
          </label>
          <label class="field">
            <span>Role</span>
            <select class="select" value={form.role} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
              <option value="AGENT">Agent — answers conversations</option>
              <option value="ADMIN">Admin — also manages settings</option>
            </select>
          </label>
          <div class="form-grid__actions">
            <button class="btn btn--primary" type="submit" disabled={submit.busy || !form.name || !form.email || !form.password}>
              Add agent
            </button>
          </div>
        </form>
        <FormStatus error={submit.error} done={submit.done} />
      </Card>
      <Card title={`Agents (${data.agents.length})`}>
        <FormStatus error={rowAction.error} done={null} />
        <ul class="table-list">
          {data.agents.map((a) => (
            <li key={a.id} class={a.active ? '' : 'is-inactive'}>
              <Avatar id={a.id} name={a.name} status={a.active ? a.availability : undefined} />
              <div class="table-list__main">
                <strong>
                  {a.name}
                  {a.id === me.id && <span class="muted"> (you)</span>}
                </strong>
                <span class="muted">
                  {a.email}
                  {a.teams && a.teams.length > 0 && ` · ${a.teams.map((t) => t.name).join(', ')}`}
                </span>
              </div>
              {!a.active && <span class="status-pill status-pill--resolved">Deactivated</span>}
              <select
                class="select select--compact"
                aria-label={`Role of ${a.name}`}
                value={a.role}
                disabled={a.id === me.id}
                onChange={(e) => rowAction.run(() => update({ input: { id: a.id, role: e.currentTarget.value } }), 'Role changed.')}
              >
                <option value="AGENT">Agent</option>
                <option value="ADMIN">Admin</option>
              </select>
              <button
                type="button"
                class="btn btn--ghost btn--small"
                disabled={a.id === me.id}
                title={a.id === me.id ? 'You cannot deactivate yourself' : undefined}
                onClick={() => rowAction.run(() => update({ input: { id: a.id, active: !a.active } }), a.active ? 'Deactivated.' : 'Reactivated.')}
              >
                {a.active ? 'Deactivate' : 'Reactivate'}
              </button>
            </li>
          ))}
        </ul>
      </Card>
    </>
  )
}
