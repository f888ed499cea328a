import { useQuery } from '@urql/preact'
import { errorMessage } from '../client/client.ts'
import { SETTINGS } from '../client/documents.ts'
import { hrefOf, onLinkClick, type SettingsSection } from '../shell/router.ts'
import { Icon, type IconName } from '../ui/icons.tsx'
import { ErrorState, SkeletonRows } from '../ui/states.tsx'
import { AgentsSettings } from './agents.tsx'
import { CannedSettings } from './canned.tsx'
import { InboxesSettings } from './inboxes.tsx'
import { LabelsSettings } from './labels.tsx'
import type { SettingsData } from './shared.tsx'
import { TeamsSettings } from './teams.tsx'

const SECTIONS: { id: SettingsSection; label: string; icon: IconName; blurb: string }[] = [
  { id: 'inboxes', label: 'Inboxes', icon: 'web', blurb: 'Website chat widgets: look, greeting and the snippet to install.' },
  { id: 'agents', label: 'Agents', icon: 'user', blurb: 'Who answers: invite agents, set roles, deactivate.' },
  { id: 'teams', label: 'Teams', icon: 'users', blurb: 'Group agents so conversations can go to a team.' },
  { id: 'canned', label: 'Canned responses', icon: 'reply', blurb: 'Saved replies agents insert by typing / and a shortcut in the composer.' },
  { id: 'labels', label: 'Labels', icon: 'tag', blurb: 'Tags agents put on conversations to sort and filter.' },
]

/** Account settings; only admins reach this view (the shell hides and guards it, the API refuses the rest). */
export function SettingsView(props: { section: SettingsSection }) {
  const [{ data, fetching, error }, reexecute] = useQuery<SettingsData>({ query: SETTINGS })
  const current = SECTIONS.find((s) => s.id === props.section)!
  return (
    <div class="settings">
      <nav class="settings__nav" aria-label="Settings">
        <h1>Settings</h1>
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={hrefOf({ name: 'settings', section: s.id })}
            onClick={onLinkClick({ name: 'settings', section: s.id })}
            class={`settings__link${s.id === props.section ? ' is-active' : ''}`}
            aria-current={s.id === props.section ? 'page' : undefined}
          >
            <Icon name={s.icon} size={17} /> {s.label}
          </a>
        ))}
      </nav>
      <main class="settings__main">
        <header class="settings__header">
          <h2>{current.label}</h2>
          <p class="muted">{current.blurb}</p>
        </header>
        {props.section === 'canned' && <CannedSettings />}
        {props.section !== 'canned' && !data && fetching && <SkeletonRows count={4} label={`Loading ${current.label.toLowerCase()}`} />}
        {props.section !== 'canned' && !data && error && <ErrorState message={errorMessage(error)} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
        {data && props.section === 'inboxes' && <InboxesSettings data={data} />}
        {data && props.section === 'agents' && <AgentsSettings data={data} />}
        {data && props.section === 'teams' && <TeamsSettings data={data} />}
        {data && props.section === 'labels' && <LabelsSettings data={data} />}
      </main>
    </div>
  )
}
