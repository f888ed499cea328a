import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { parse } from '../../validate.ts'
import { emailSchema, getAgent, type Agent } from '../agent/index.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { countFailures, deleteFailures, insertFailures, secondsUntilBelow, selectCredentials } from './queries.ts'
import { createSession } from './session.ts'

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
})

export type SignInInput = z.input<typeof signInInput>
export interface SignInResult {
  token: string
  expiresAt: Date
  agent: Agent
}

const INCORRECT = 'email or password is incorrect'

let dummy: Promise<string> | undefined
/** Verified against for unknown emails, so they cost as much time as a wrong password. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}

function rateLimited(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60))
  return new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
    retryAfterSeconds: Math.ceil(seconds),
  })
}

export async function signIn(deps: Deps, input: SignInInput, ctx: { ip: string }): Promise<SignInResult> {
  const { email, password } = parse(signInInput, input)
  const { db, config } = deps
  const windowMinutes = config.SIGN_IN_WINDOW_MINUTES
  const limits = [
    { bucket: `email:${email}`, max: config.SIGN_IN_MAX_FAILURES_PER_EMAIL },
    { bucket: `ip:${ctx.ip}`, max: config.SIGN_IN_MAX_FAILURES_PER_IP },
  ] as const

  // The attempt is written as a failure before anything is checked, and withdrawn when it
  // turns out not to be one: parallel guesses then see each other instead of all reading
  // the same count before any of them is recorded.
  const pending = await insertFailures(db, [limits[0].bucket, limits[1].bucket])
  for (const { bucket, max } of limits) {
    if ((await countFailures(db, bucket, windowMinutes)) > max) {
      await deleteFailures(db, pending)
      throw rateLimited(await secondsUntilBelow(db, bucket, max, windowMinutes))
    }
  }

  const credentials = await selectCredentials(db, email)
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await dummyHash()))
  if (!credentials || !ok) throw new AppError('UNAUTHENTICATED', INCORRECT)
  await deleteFailures(db, pending)
  // Only someone who knows the password learns that the account is deactivated.
  if (!credentials.active) {
    throw new AppError('UNAUTHENTICATED', 'this agent account is deactivated; ask an admin of your account to reactivate it')
  }

  const session = await createSession(deps, credentials.agentId)
  const agent = await getAgent(deps, credentials.accountId, credentials.agentId)
  return { ...session, agent }
}
