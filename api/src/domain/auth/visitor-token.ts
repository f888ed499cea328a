import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../errors.ts'
import { parse } from '../../validate.ts'

export const visitorClaimsSchema = z.object({
  contactId: z.uuid(),
  accountId: z.uuid(),
  inboxId: z.uuid(),
  visitorId: z.string().min(1).max(200),
})

export type VisitorClaims = z.infer<typeof visitorClaimsSchema>

// Version 1: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, first part)).
const payloadSchema = visitorClaimsSchema.extend({
  v: z.literal(1),
  iat: z.number().int(),
  exp: z.number().int(),
})

const DAY_SECONDS = 24 * 60 * 60

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest()
}

export function signVisitorToken(secret: string, claims: VisitorClaims, ttlDays: number, now = Date.now()): string {
  const c = parse(visitorClaimsSchema, claims, ['claims'])
  const iat = Math.floor(now / 1000)
  const exp = iat + Math.round(ttlDays * DAY_SECONDS)
  const payload = { v: 1, contactId: c.contactId, accountId: c.accountId, inboxId: c.inboxId, visitorId: c.visitorId, iat, exp }
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${sign(secret, body).toString('base64url')}`
}

const invalid = () => new AppError('UNAUTHENTICATED', 'visitor token is invalid')

/** The claims of a token this server signed and that has not expired; else UNAUTHENTICATED. */
export function verifyVisitorToken(secret: string, token: string, now = Date.now()): VisitorClaims {
  if (typeof token !== 'string' || token.length > 4096) throw invalid()
  const parts = token.split('.')
  const [body, signature] = parts
  if (parts.length !== 2 || !body || !signature) throw invalid()
  const given = Buffer.from(signature, 'base64url')
  const expected = sign(secret, body)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()

  let json: unknown
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  const payload = payloadSchema.safeParse(json)
  if (!payload.success) throw invalid()
  if (payload.data.exp <= Math.floor(now / 1000)) throw new AppError('UNAUTHENTICATED', 'visitor token has expired')
  const { contactId, accountId, inboxId, visitorId } = payload.data
  return { contactId, accountId, inboxId, visitorId }
}
