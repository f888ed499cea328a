import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The identity verification Chatwoot and Intercom use: the customer's backend computes
 * hex HMAC-SHA256(userId) keyed with the inbox's identity secret and hands it to the widget,
 * so a visitor cannot claim to be another signed-in user.
 */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex')
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i

export function verifyIdentityHash(secret: string, userId: string, hash: string): boolean {
  if (typeof hash !== 'string' || !HEX_SHA256.test(hash)) return false
  const expected = createHmac('sha256', secret).update(userId).digest()
  return timingSafeEqual(Buffer.from(hash, 'hex'), expected)
}
