import { useMutation } from '@urql/preact'
import { useState } from 'preact/hooks'
import { CREATE_LABEL } from '../client/documents.ts'
import { EmptyState } from '../ui/states.tsx'
import { Card, FormStatus, useSubmit, type SettingsData } from './shared.tsx'

const SWATCHES = ['#6366f1', '#0ea5e9', '#22c55e', '#f59e0b', '#ef4444', '#ec4899', '#64748b']

export function LabelsSettings({ data }: { data: SettingsData }) {
  const [, create] = useMutation(CREATE_LABEL)
  const [name, setName] = useState('')
  const [color, setColor] = useState(SWATCHES[0]!)
  const submit = useSubmit()
  return (
    <>
      <Card title="New label">
        <form
          class="form-row"
          onSubmit={async (e) => {
            e.preventDefault()
            if (await submit.run(() => create({ input: { name: name.trim(), color } }), `Label “${name.trim()}” created.`)) setName('')
          }}
        >
          <label class="field field--grow">
            <span>Name</span>
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="billing" required maxLength={60} />
          </label>
          <fieldset class="swatches">
            <legend>Colour</legend>
            {SWATCHES.map((s) => (
              <label key={s} class="swatch" style={{ background: s }}>
                <input type="radio" name="label-color" value={s} checked={color === s} onChange={() => setColor(s)} aria-label={`Colour ${s}`} />
              </label>
            ))}
          </fieldset>
          <button class="btn btn--primary" type="submit" disabled={!name.trim() || submit.busy}>
            Create label
          </button>
        </form>
        <FormStatus error={submit.error} done={submit.done} />
      </Card>
      <Card title={`Labels (${data.labels.length})`}>
        {data.labels.length === 0 ? (
          <EmptyState icon="tag" title="No labels yet" compact>
            Create labels like “billing” or “bug” so agents can sort conversations.
          </EmptyState>
        ) : (
          <ul class="table-list">
            {data.labels.map((l) => (
              <li key={l.id}>
                <span class="label-dot label-dot--lg" style={{ background: l.color }} />
                <strong>{l.name}</strong>
                <code class="muted">{l.color}</code>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  )
}
