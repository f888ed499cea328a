import { useState } from 'preact/hooks'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Pre-chat form and "leave your email" card: validated before anything is sent. */
export function ContactForm(props: {
  intro: string
  /** A second paragraph, e.g. the out-of-office message. */
  note?: string
  requireEmail: boolean
  askName?: boolean
  compact?: boolean
  submitLabel: string
  onSubmit: (details: { name?: string; email?: string }) => void
}) {
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [error, setError] = useState('')
  const [done, setDone] = useState(false)
  if (done) return <p class="g">Thanks! We will reply to {email || 'you'} here.</p>
  return (
    <form
      class={props.compact ? 'cf k' : 'cf'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        const mail = email.trim()
        if ((props.requireEmail || mail) && !EMAIL.test(mail)) return setError('Please enter a valid email address, like name@example.com.')
        setError('')
        setDone(props.compact === true)
        props.onSubmit({ name: name.trim() || undefined, email: mail || undefined })
      }}
    >
      <p>{props.intro}</p>
      {props.note && <p>{props.note}</p>}
      {props.askName && (
        <label>
          Name
          <input value={name} autoComplete="name" maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
      )}
      <label>
        Email{props.requireEmail ? '' : ' (optional)'}
        <input
          type="email"
          value={email}
          autoComplete="email"
          maxLength={254}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'cf-err' : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p id="cf-err" class="er" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{props.submitLabel}</button>
    </form>
  )
}
