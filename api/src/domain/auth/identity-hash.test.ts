import { describe, expect, test } from 'bun:test'
import { createHmac } from 'node:crypto'
import { identityHash, verifyIdentityHash } from './index.ts'

describe('identity hash', () => {
  test('is hex HMAC-SHA256 of the user id keyed by the inbox secret', () => {
    // RFC 4231 test case 2.
    expect(identityHash('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
    const secret = 'inbox-secret-123'
    expect(identityHash(secret, 'user-42')).toBe(createHmac('sha256', secret).update('user-42').digest('hex'))
  })

  test('verifies the right hash in either letter case and rejects everything else', () => {
    const secret = 'inbox-secret-123'
    const hash = identityHash(secret, 'user-42')
    expect(verifyIdentityHash(secret, 'user-42', hash)).toBe(true)
    expect(verifyIdentityHash(secret, 'user-42', hash.toUpperCase())).toBe(true)
    expect(verifyIdentityHash(secret, 'user-43', hash)).toBe(false)
    expect(verifyIdentityHash('other-secret', 'user-42', hash)).toBe(false)
    for (const bad of ['', hash.slice(0, 62), `${hash}00`, 'zz'.repeat(32), ` ${hash.slice(1)}`]) {
      expect(verifyIdentityHash(secret, 'user-42', bad)).toBe(false)
    }
  })
})
