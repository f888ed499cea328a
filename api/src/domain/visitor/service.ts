import { randomUUID } from 'node:crypto'
import type { Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { isOriginAllowed, originRefusal } from '../inbox/allowed-origin.ts'
import { parse } from '../../validate.ts'
import type { Viewer, VisitorViewer } from '../../viewer.ts'
import { signVisitorToken, verifyIdentityHash, verifyVisitorToken } from '../auth/index.ts'
import { addIdentity, applyTraits, contactTraits, createContact, findContactByIdentity } from '../contact/index.ts'
import { findInboxByWebsiteToken, type Inbox } from '../inbox/index.ts'
import { requireVisitor } from '../access/index.ts'
import { startVisitorSessionInput, visitorContext, type StartVisitorSessionInput, type VisitorContext } from './schema.ts'

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
export async function startVisitorSession(
  deps: Deps,
  input: StartVisitorSessionInput,
  origin?: { value: string | null; self: string[] },
): Promise<VisitorSession> {
  const data = parse(startVisitorSessionInput, input)
  const inbox = await findInboxByWebsiteToken(deps, data.websiteToken)
  if (!inbox) throw new AppError('NOT_FOUND', 'websiteToken: no inbox has this website token', { field: 'websiteToken' })
  if (origin?.value && !isOriginAllowed(origin.value, inbox.allowedDomains, origin.self)) {
    throw new AppError('FORBIDDEN', originRefusal(origin.value), { field: 'origin' })
  }

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

  if (data.context) await applyTraits(deps.db, viewer.contactId, { attributes: contextAttributes(data.context) })
  const { type: _type, ...claims } = viewer
  const token = signVisitorToken(deps.secret, claims, deps.config.VISITOR_TOKEN_TTL_DAYS)
  return { token, viewer, inbox, identityVerified }
}

function contextAttributes(context: VisitorContext): Record<string, string> {
  return Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as Record<string, string>
}

const visitorContactInput = contactTraits.pick({ name: true, email: true }).strict()

/** The visitor tells who they are (pre-chat form, "email me" card): kept on the contact, unverified. */
export async function updateVisitorContact(deps: Deps, viewer: Viewer, input: unknown): Promise<boolean> {
  const v = requireVisitor(viewer)
  const data = parse(visitorContactInput, input)
  await applyTraits(deps.db, v.contactId, data)
  // An email another contact already has stays on this contact's fields only (addIdentity links nothing then).
  if (data.email) await addIdentity(deps.db, v.accountId, v.contactId, { kind: 'email', value: data.email.toLowerCase(), verified: false })
  return true
}

/** The widget reports a page change (or a new time zone); agents see it in the contact panel. */
export async function updateVisitorContext(deps: Deps, viewer: Viewer, input: unknown): Promise<boolean> {
  const v = requireVisitor(viewer)
  const context = parse(visitorContext, input)
  await applyTraits(deps.db, v.contactId, { attributes: contextAttributes(context) })
  return true
}
