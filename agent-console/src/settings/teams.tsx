import { useMutation } from '@urql/preact'
import { useState } from 'preact/hooks'
import { ADD_TEAM_MEMBER, CREATE_TEAM, REMOVE_TEAM_MEMBER } from '../client/documents.ts'
import { Icon } from '../ui/icons.tsx'
import { EmptyState } from '../ui/states.tsx'
import { Card, FormStatus, useSubmit, type SettingsData } from './shared.tsx'

export function TeamsSettings({ data }: { data: SettingsData }) {
  const [, create] = useMutation(CREATE_TEAM)
  const [, add] = useMutation(ADD_TEAM_MEMBER)
  const [, remove] = useMutation(REMOVE_TEAM_MEMBER)
  const [name, setName] = useState('')
  const submit = useSubmit()
  const member = useSubmit()
  return (
    <>
      <Card title="New team">
        <form
          class="form-row"
          onSubmit={async (e) => {
            e.preventDefault()
            if (await submit.run(() => create({ input: { name: name.trim() } }), `Team “${name.trim()}” created.`)) setName('')
          }}
        >
          <label class="field field--grow">
            <span>Team name</span>
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="Billing" required />
          </label>
          <button class="btn btn--primary" type="submit" disabled={!name.trim() || submit.busy}>
            Create team
          </button>
        </form>
        <FormStatus error={submit.error} done={submit.done} />
      </Card>
      <FormStatus error={member.error} done={null} />
      {data.teams.length === 0 ? (
        <Card>
          <EmptyState icon="users" title="No teams yet" compact>
            Teams let you route conversations to a group (Billing, Tech support…).
          </EmptyState>
        </Card>
      ) : (
        data.teams.map((t) => {
          const others = data.agents.filter((a) => a.active && !t.members.some((m) => m.id === a.id))
          return (
            <Card key={t.id} title={t.name}>
              <div class="chips">
                {t.members.length === 0 && <span class="muted small">No members yet.</span>}
                {t.members.map((m) => (
                  <span class="chip" key={m.id}>
                    {m.name}
                    <button type="button" class="chip__x" aria-label={`Remove ${m.name} from ${t.name}`} onClick={() => member.run(() => remove({ input: { teamId: t.id, agentId: m.id } }), '')}>
                      <Icon name="x" size={12} />
                    </button>
                  </span>
                ))}
                {others.length > 0 && (
                  <select
                    class="select select--compact"
                    aria-label={`Add a member to ${t.name}`}
                    value=""
                    onChange={(e) => e.currentTarget.value && member.run(() => add({ input: { teamId: t.id, agentId: e.currentTarget.value } }), '')}
                  >
                    <option value="">+ Add member</option>
                    {others.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            </Card>
          )
        })
      )}
    </>
  )
}
