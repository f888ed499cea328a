import { useState } from 'preact/hooks'
import { anonymousClient, errorCode, errorMessage } from '../client/client.ts'
import { SIGN_IN } from '../client/documents.ts'
import type { Agent } from '../client/shapes.ts'
import { Spinner } from '../ui/states.tsx'

/** What a person should read for each way a sign-in can fail. */
export function signInProblem(error: unknown): string {
  const code = errorCode(error)
  if (code === 'UNAUTHENTICATED') {
    const msg = errorMessage(error)
    return /deactivated/i.test(msg) ? 'This account is deactivated. Ask an admin of your team to reactivate it.' : 'That email and password do not match. Check them and try again.'
  }
  if (code === 'RATE_LIMITED') {
    const m = /try again in (.+)$/.exec(errorMessage(error))
    return `Too many failed attempts. For your security, sign-in is paused${m ? ` — try again in ${m[1]}` : ' for a few minutes'}.`
  }
  if (code === 'BAD_USER_INPUT') return /email/i.test(errorMessage(error)) ? 'Enter a valid email address.' : errorMessage(error)
  return errorMessage(error)
}

export function SignIn(props: { onSignedIn(agent: Agent): void; notice?: string }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setProblem(null)
    const res = await anonymousClient().mutation(SIGN_IN, { input: { email: email.trim(), password } }).toPromise()
    setBusy(false)
    if (res.error || !res.data) {
      setProblem(signInProblem(res.error))
      return
    }
    props.onSignedIn(res.data.signIn.agent as Agent)
  }

  return (
    <main class="auth">
      <form class="auth__card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <div class="auth__brand">
          <span class="logo" aria-hidden="true">P</span>
          <span>Parley</span>
        </div>
        <h1 id="signin-title">Sign in to your inbox</h1>
        <p class="muted">Pick up conversations where your team left them.</p>
        {props.notice && !problem && (
          <p class="banner banner--info" role="status">
            {props.notice}
          </p>
        )}
        {problem && (
          <p class="banner banner--error" role="alert">
            {problem}
          </p>
        )}
        <label class="field">
          <span>Work email</span>
          <input type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />
        </label>
        <label class="field">
          <span>Password</span>
          <input type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button class="btn btn--primary btn--block" type="submit" disabled={busy || !email || !password}>
          {busy ? <Spinner label="Signing in" /> : null} {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
