import { useMutation, useQuery } from '@urql/preact'
import { useState } from 'preact/hooks'
import { errorMessage } from '../client/client.ts'
import { CANNED_RESPONSES, CREATE_CANNED, DELETE_CANNED, UPDATE_CANNED } from '../client/documents.ts'
import type { CannedResponse } from '../client/shapes.ts'
import { preview } from '../ui/format.ts'
import { Icon } from '../ui/icons.tsx'
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states.tsx'
import { Card, FormStatus, useSubmit } from './shared.tsx'

const CODE_PATTERN = '[a-z0-9_\\-]{1,32}'
/** What the API accepts as a short code (lower case; a leading slash is a natural slip). */
export const normaliseCode = (s: string) => s.trim().replace(/^\//, '').toLowerCase()

function CannedForm(props: { initial?: CannedResponse; onDone(): void; onCancel?: () => void }) {
  const [, create] = useMutation(CREATE_CANNED)
  const [, update] = useMutation(UPDATE_CANNED)
  const [code, setCode] = useState(props.initial?.shortCode ?? '')
  const [content, setContent] = useState(props.initial?.content ?? '')
  const submit = useSubmit()
  const editing = !!props.initial
  const idPrefix = editing ? `canned-edit-${props.initial!.id}` : 'canned-new'
  return (
    <form
      class="canned-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const input = { shortCode: normaliseCode(code), content: content.trim() }
        const ok = await submit.run(
          () => (editing ? update({ input: { id: props.initial!.id, ...input } }) : create({ input })),
          editing ? `Saved /${input.shortCode}.` : `Created /${input.shortCode}. Agents type it in the composer.`,
        )
        if (ok && !editing) {
          setCode('')
          setContent('')
        }
        if (ok) props.onDone()
      }}
    >
      <label class="field" for={`${idPrefix}-code`}>
        <span>Shortcut</span>
        <span class="prefixed">
          <span aria-hidden="true">/</span>
          <input
            id={`${idPrefix}-code`}
            aria-label="Shortcut"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            placeholder="refund"
            required
            maxLength={33}
            pattern={`/?${CODE_PATTERN}`}
            title="1–32 lower-case letters, digits, - or _"
            autocomplete="off"
            aria-describedby={`${idPrefix}-hint`}
          />
        </span>
        <small id={`${idPrefix}-hint`} class="muted">Letters, digits, - or _ (up to 32).</small>
      </label>
      <label class="field field--wide" for={`${idPrefix}-content`}>
        <span>Message</span>
        <textarea id={`${idPrefix}-content`} aria-label="Message" rows={3} value={content} onInput={(e) => setContent(e.currentTarget.value)} required maxLength={5000} placeholder="The full reply inserted when an agent picks the shortcut." />
      </label>
      <div class="canned-form__actions">
        {props.onCancel && (
          <button type="button" class="btn btn--ghost" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button class="btn btn--primary" type="submit" disabled={submit.busy || !normaliseCode(code) || !content.trim()}>
          {editing ? 'Save' : 'Create canned response'}
        </button>
      </div>
      <FormStatus error={submit.error} done={editing ? null : submit.done} />
    </form>
  )
}

export function CannedSettings() {
  const [{ data, fetching, error }, reexecute] = useQuery<{ cannedResponses: CannedResponse[] }>({ query: CANNED_RESPONSES, variables: { search: null } })
  const [, remove] = useMutation(DELETE_CANNED)
  const [editing, setEditing] = useState<string | null>(null)
  const rowAction = useSubmit()
  const list = data?.cannedResponses ?? []
  return (
    <>
      <Card title="New canned response">
        <CannedForm onDone={() => {}} />
      </Card>
      <Card title={data ? `Saved replies (${list.length})` : 'Saved replies'}>
        <FormStatus error={rowAction.error} done={rowAction.done} />
        {!data && fetching && <SkeletonRows count={3} label="Loading canned responses" />}
        {!data && error && <ErrorState message={errorMessage(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
        {data && list.length === 0 && (
          <EmptyState icon="reply" title="No canned responses yet" compact>
            Save replies your team sends often; agents insert them by typing / and the shortcut.
          </EmptyState>
        )}
        {list.length > 0 && (
          <ul class="table-list canned-table">
            {list.map((c) =>
              editing === c.id ? (
                <li key={c.id} class="canned-table__edit">
                  <CannedForm initial={c} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
                </li>
              ) : (
                <li key={c.id}>
                  <code class="canned__code">/{c.shortCode}</code>
                  <span class="canned-table__text" title={c.content}>
                    {preview(c.content, 160)}
                  </span>
                  <span class="table-list__actions">
                    <button type="button" class="btn btn--ghost btn--small" aria-label={`Edit /${c.shortCode}`} onClick={() => setEditing(c.id)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      class="btn btn--ghost btn--small btn--danger"
                      aria-label={`Delete /${c.shortCode}`}
                      onClick={() => {
                        if (confirm(`Delete /${c.shortCode}? Agents will no longer be able to insert it.`)) {
                          void rowAction.run(() => remove({ id: c.id }), `Deleted /${c.shortCode}.`)
                        }
                      }}
                    >
                      <Icon name="x" size={14} /> Delete
                    </button>
                  </span>
                </li>
              ),
            )}
          </ul>
        )}
      </Card>
    </>
  )
}
