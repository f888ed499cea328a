import { avatarHue, initials } from './format.ts'

export function Avatar(props: { id: string; name: string | null | undefined; size?: 'sm' | 'md' | 'lg'; status?: string }) {
  const hue = avatarHue(props.id)
  return (
    <span
      class={`avatar avatar--${props.size ?? 'md'}`}
      style={{ background: `hsl(${hue} 70% 92%)`, color: `hsl(${hue} 55% 32%)` }}
      aria-hidden="true"
    >
      {initials(props.name)}
      {props.status && <span class={`avatar__status avatar__status--${props.status.toLowerCase()}`} />}
    </span>
  )
}
