import type { ComponentChildren } from 'preact'
import { Icon, type IconName } from './icons.tsx'

export function EmptyState(props: { icon: IconName; title: string; children?: ComponentChildren; compact?: boolean }) {
  return (
    <div class={`empty${props.compact ? ' empty--compact' : ''}`} role="status">
      <div class="empty__icon">
        <Icon name={props.icon} size={props.compact ? 22 : 28} />
      </div>
      <p class="empty__title">{props.title}</p>
      {props.children && <div class="empty__body">{props.children}</div>}
    </div>
  )
}

export function ErrorState(props: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <div class="empty empty--error" role="alert">
      <div class="empty__icon">
        <Icon name="alert" size={26} />
      </div>
      <p class="empty__title">{props.title ?? 'Could not load this'}</p>
      <div class="empty__body">{props.message}</div>
      {props.onRetry && (
        <button type="button" class="btn btn--secondary" onClick={props.onRetry}>
          <Icon name="refresh" size={16} /> Try again
        </button>
      )}
    </div>
  )
}

/** Grey placeholder rows shaped like the content that is loading. */
export function SkeletonRows({ count = 6, label = 'Loading' }: { count?: number; label?: string }) {
  return (
    <div class="skeletons" role="status" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div class="skeleton-row" key={i}>
          <div class="skeleton skeleton--avatar" />
          <div class="skeleton-row__lines">
            <div class="skeleton" style={{ width: `${55 + ((i * 17) % 30)}%` }} />
            <div class="skeleton" style={{ width: `${70 + ((i * 11) % 25)}%` }} />
          </div>
        </div>
      ))}
    </div>
  )
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span class="spinner" role="status" aria-label={label} />
}
