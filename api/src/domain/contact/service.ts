import { jsonb, sql, type Queryable } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { notFound } from '../../errors.ts'
import type { Contact, ContactIdentity, ContactTraits } from './schema.ts'

export const contactColumns = sql`
  id, account_id as "accountId", name, email, phone, attributes,
  last_seen_at as "lastSeenAt", created_at as "createdAt"`

export async function createContact(q: Queryable, accountId: string, traits: ContactTraits = {}): Promise<Contact> {
  const [row] = await q.query<Contact>(sql`
    insert into contacts (account_id, name, email, attributes, last_seen_at)
    values (${accountId}, ${traits.name ?? null}, ${traits.email ?? null}, ${jsonb(traits.attributes ?? {})}, now())
    returning ${contactColumns}`)
  return row!
}

/** Fills in traits; attributes merge key by key, a null removes nothing already known. */
export async function applyTraits(q: Queryable, contactId: string, traits: ContactTraits): Promise<void> {
  await q.query(sql`
    update contacts set
      name = coalesce(${traits.name ?? null}, name),
      email = coalesce(${traits.email ?? null}, email),
      attributes = attributes || ${jsonb(traits.attributes ?? {})},
      last_seen_at = now()
    where id = ${contactId}`)
}

export async function addIdentity(
  q: Queryable,
  accountId: string,
  contactId: string,
  identity: Omit<ContactIdentity, 'id'>,
): Promise<void> {
  await q.query(sql`
    insert into contact_identities (account_id, contact_id, kind, value, verified)
    values (${accountId}, ${contactId}, ${identity.kind}, ${identity.value}, ${identity.verified})
    on conflict (account_id, kind, value) do update set verified = contact_identities.verified or excluded.verified`)
}

export async function findContactByIdentity(
  q: Queryable,
  accountId: string,
  kind: ContactIdentity['kind'],
  value: string,
): Promise<string | undefined> {
  const [row] = await q.query<{ contactId: string }>(sql`
    select contact_id as "contactId" from contact_identities
    where account_id = ${accountId} and kind = ${kind} and value = ${value}`)
  return row?.contactId
}

export async function getContact(deps: Deps, accountId: string, id: string): Promise<Contact> {
  const [row] = await deps.db.query<Contact>(sql`select ${contactColumns} from contacts where id = ${id} and account_id = ${accountId}`)
  if (!row) throw notFound('contact')
  return row
}

export async function listIdentities(deps: Deps, contactId: string): Promise<ContactIdentity[]> {
  return deps.db.query<ContactIdentity>(sql`
    select id, kind, value, verified from contact_identities where contact_id = ${contactId} order by created_at`)
}
