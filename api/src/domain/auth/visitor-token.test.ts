import { describe, expect, test } from 'bun:test'
import { randomUUID } from 'node:crypto'
import { signVisitorToken, verifyVisitorToken } from './index.ts'

const secret = 'a'.repeat(64)
const claims = { contactId: randomUUID(), accountId: randomUUID(), inboxId: randomUUID(), visitorId: 'v_123' }
const DAY = 24 * 3600 * 1000

function invalid(token: string, key = secret) {
  expect(() => verifyVisitorToken(key, token)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'visitor token is invalid' }))
}

describe('visitor tokens', () => {
  test('round-trip the claims, with a versioned payload', () => {
    const token = signVisitorToken(secret, claims, 365)
    expect(verifyVisitorToken(secret, token)).toEqual(claims)
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())
    expect(payload).toMatchObject({ v: 1, ...claims })
    expect(payload.exp - payload.iat).toBe(365 * 24 * 3600)
  })

  test('a changed payload, a changed signature or another secret is invalid', () => {
    const token = signVisitorToken(secret, claims, 365)
    const [body, sig] = token.split('.') as [string, string]
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, contactId: randomUUID() })).toString('base64url')
    invalid(`${forged}.${sig}`)
    invalid(`${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`)
    invalid(`${body}.${sig.slice(0, -2)}`)
    invalid(token, 'b'.repeat(64))
  })

  test('malformed tokens are invalid', () => {
    for (const t of ['', '.', 'abc', 'a.b.c', `${signVisitorToken(secret, claims, 1)}.x`]) invalid(t)
  })

  test('a token past its expiry has expired; a forged expired one is still just invalid', () => {
    const token = signVisitorToken(secret, claims, 30)
    expect(verifyVisitorToken(secret, token, Date.now() + 29 * DAY)).toEqual(claims)
    expect(() => verifyVisitorToken(secret, token, Date.now() + 31 * DAY)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'visitor token has expired' }),
    )
    const old = signVisitorToken(secret, claims, 1, Date.now() - 2 * DAY)
    expect(() => verifyVisitorToken(secret, old)).toThrow('visitor token has expired')
    invalid(old, 'b'.repeat(64))
  })

  test('claims are checked when signing', () => {
    expect(() => signVisitorToken(secret, { ...claims, contactId: 'nope' }, 1)).toThrow(/^claims\.contactId: /)
  })
})
