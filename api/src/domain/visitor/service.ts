import { randomUUID } from 'node:crypto'
import type { Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { parse } from '../../validate.ts'
import type { VisitorViewer } from '../../viewer.ts'
import { signVisitorToken, verifyIdentityHash, verifyVisitorToken } from '../auth/index.ts'
import { addIdentity, applyTraits, createContact, findContactByIdentity } from '../contact/index.ts'
import { findInboxByWebsiteToken, type Inbox } from '../inbox/index.ts'
import { startVisitorSessionInput, type StartVisitorSessionInput } from './schema.ts'

export interface VisitorSession {
  token: string
  viewer: VisitorViewer
  inbox: Inbox
  /** True when the claimed user id was proven with its HMAC. */
  identityVerified: boolean
}

/**
 * Starts or resumes a visitor's session on a web inbox. A claimed user id is linked to a
 * contact only when its HMAC proves it; an inbox that requires verification refuses a claim
 * without a valid hash, and one that does not keeps the claim as an unverified attribute.
 */
export async function startVisitorSession(deps: Deps, input: StartVisitorSessionInput): Promise<VisitorSession> {
  const data = parse(startVisitorSessionInput, input)
  const inbox = await findInboxByWebsiteToken(deps, data.websiteToken)
  if (!inbox) throw new AppError('NOT_FOUND', 'websiteToken: no inbox has this website token', { field: 'websiteToken' })

  const identity = data.identity
  let identityVerified = false
  if (identity) {
    if (identity.userHash) {
      identityVerified = verifyIdentityHash(inbox.identitySecret, identity.userId, identity.userHash)
      if (!identityVerified) {
        throw new AppError('FORBIDDEN', 'identity.userHash: does not match the user id; identity verification failed', {
          field: 'identity.userHash',
        })
      }
    } else if (inbox.requireIdentityVerification) {
      throw new AppError('FORBIDDEN', 'identity.userHash: this inbox requires identity verification', { field: 'identity.userHash' })
    }
  }

  let previous: VisitorViewer | undefined
  if (data.visitorToken) {
    const claims = verifyVisitorToken(deps.secret, data.visitorToken)
    if (claims.inboxId === inbox.id) previous = { type: 'visitor', ...claims }
  }

  const viewer = await deps.db.tx(async (q) => {
    const traits = identity ? { name: identity.name, email: identity.email, attributes: identity.attributes } : {}
    if (identity && identityVerified) {
      const known = await findContactByIdentity(q, inbox.accountId, 'user', identity.userId)
      // A verified user keeps one contact across devices; a fresh visitor id joins it.
      const contactId = known ?? previous?.contactId ?? (await createContact(q, inbox.accountId, traits)).id
      const visitorId = previous && previous.contactId === contactId ? previous.visitorId : randomUUID()
      await addIdentity(q, inbox.accountId, contactId, { kind: 'user', value: identity.userId, verified: true })
      await addIdentity(q, inbox.accountId, contactId, { kind: 'visitor', value: visitorId, verified: false })
      await applyTraits(q, contactId, traits)
      return { type: 'visitor', contactId, accountId: inbox.accountId, inboxId: inbox.id, visitorId } satisfies VisitorViewer
    }
    if (previous) {
      await applyTraits(q, previous.contactId, identity ? { ...traits, attributes: { ...traits.attributes, claimedUserId: identity.userId } } : {})
      return previous
    }
    const attributes = identity ? { ...traits.attributes, claimedUserId: identity.userId } : traits.attributes
    const contact = await createContact(q, inbox.accountId, { ...traits, attributes })
    const visitorId = randomUUID()
    await addIdentity(q, inbox.accountId, contact.id, { kind: 'visitor', value: visitorId, verified: false })
    return { type: 'visitor', contactId: contact.id, accountId: inbox.accountId, inboxId: inbox.id, visitorId } satisfies VisitorViewer
  })

  const { type: _type, ...claims } = viewer
  const token = signVisitorToken(deps.secret, claims, deps.config.VISITOR_TOKEN_TTL_DAYS)
  return { token, viewer, inbox, identityVerified }
}
