import { Provider } from '@urql/preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { SignIn } from './auth/sign-in.tsx'
import { anonymousClient, consoleClient, errorMessage, type ConsoleClient } from './client/client.ts'
import { ME, SIGN_OUT } from './client/documents.ts'
import type { Agent } from './client/shapes.ts'
import { ConsoleContext, TypingStore, type ConsoleState } from './shell/live.ts'
import { Shell } from './shell/shell.tsx'
import { ErrorState } from './ui/states.tsx'

type Session = { state: 'checking' } | { state: 'signed-out'; notice?: string } | { state: 'signed-in'; me: Agent } | { state: 'error'; message: string }

/** Boot: ask the API who the session cookie belongs to, then sign in or open the console. */
export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' })

  const check = async () => {
    setSession({ state: 'checking' })
    const res = await anonymousClient().query(ME, {}).toPromise()
    if (res.error && !res.data) setSession({ state: 'error', message: errorMessage(res.error) })
    else if (res.data?.me) setSession({ state: 'signed-in', me: res.data.me as Agent })
    else setSession({ state: 'signed-out' })
  }
  useEffect(() => {
    void check()
  }, [])

  if (session.state === 'checking') return <div class="boot" role="status">Loading Parley…</div>
  if (session.state === 'error') return <div class="boot"><ErrorState title="Parley is unreachable" message={session.message} onRetry={check} /></div>
  if (session.state === 'signed-out') return <SignIn notice={session.notice} onSignedIn={(me) => setSession({ state: 'signed-in', me })} />
  return <SignedIn me={session.me} onSignedOut={(notice) => setSession({ state: 'signed-out', notice })} />
}

function SignedIn(props: { me: Agent; onSignedOut(notice?: string): void }) {
  const [epoch, setEpoch] = useState(0)
  const [socket, setSocket] = useState<ConsoleState['socket']>('connecting')
  const typing = useMemo(() => new TypingStore(), [])
  const client = useMemo<ConsoleClient>(
    () =>
      consoleClient(props.me.id, {
        onSessionLost: () => props.onSignedOut('Your session ended. Sign in again to continue.'),
        onCatchUp: () => setEpoch((n) => n + 1),
        onSocketState: setSocket,
      }),
    [props.me.id],
  )
  useEffect(() => () => client.dispose(), [client])

  const state: ConsoleState = {
    me: props.me,
    typing,
    epoch,
    socket,
    signOut: async () => {
      await client.urql.mutation(SIGN_OUT, {}).toPromise()
      client.dispose()
      history.replaceState(null, '', '/console/')
      props.onSignedOut('You are signed out.')
    },
  }
  return (
    <Provider value={client.urql}>
      <ConsoleContext.Provider value={state}>
        <Shell />
      </ConsoleContext.Provider>
    </Provider>
  )
}
