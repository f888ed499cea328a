import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import { jsonb, sql, textArray } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { notFound } from '../../errors.ts'
import { parse } from '../../validate.ts'
import { inboxColumns } from './queries.ts'
import { createWebInboxInput, DEFAULT_WEB_SETTINGS, updateWebInboxInput, type Inbox, type WebInboxSettings } from './schema.ts'

export async function createWebInbox(deps: Deps, input: z.input<typeof createWebInboxInput>): Promise<Inbox> {
  const data = parse(createWebInboxInput, input)
  const settings = widgetSettingsOf({ settings: data.settings })
  const websiteToken = randomBytes(18).toString('base64url')
  const identitySecret = randomBytes(32).toString('hex')
  const [row] = await deps.db.query<Inbox>(sql`
    insert into inboxes (account_id, name, channel, website_token, settings, allowed_domains,
                         require_identity_verification, identity_secret)
    values (${data.accountId}, ${data.name}, 'web', ${websiteToken}, ${jsonb(settings)},
            ${textArray(data.allowedDomains)}, ${data.requireIdentityVerification}, ${identitySecret})
    returning ${inboxColumns}`)
  return row!
}

export async function updateWebInbox(deps: Deps, accountId: string, input: z.input<typeof updateWebInboxInput>): Promise<Inbox> {
  const data = parse(updateWebInboxInput, input)
  const current = await getInbox(deps, accountId, data.id)
  const settings = { ...current.settings, ...data.settings }
  const [row] = await deps.db.query<Inbox>(sql`
    update inboxes set
      name = ${data.name ?? current.name},
      settings = ${jsonb(settings)},
      allowed_domains = ${textArray(data.allowedDomains ?? current.allowedDomains)},
      require_identity_verification = ${data.requireIdentityVerification ?? current.requireIdentityVerification}
    where id = ${data.id} and account_id = ${accountId}
    returning ${inboxColumns}`)
  return row!
}

export async function getInbox(deps: Deps, accountId: string, id: string): Promise<Inbox> {
  const [row] = await deps.db.query<Inbox>(sql`select ${inboxColumns} from inboxes where id = ${id} and account_id = ${accountId}`)
  if (!row) throw notFound('inbox')
  return row
}

export async function listInboxes(deps: Deps, accountId: string): Promise<Inbox[]> {
  return deps.db.query<Inbox>(sql`select ${inboxColumns} from inboxes where account_id = ${accountId} order by created_at, id`)
}

export async function findInboxByWebsiteToken(deps: Deps, websiteToken: string): Promise<Inbox | undefined> {
  const [row] = await deps.db.query<Inbox>(sql`select ${inboxColumns} from inboxes where website_token = ${websiteToken}`)
  return row
}

/** The widget's settings with a default for everything the inbox has not set (older inboxes lack newer keys). */
export function widgetSettingsOf(inbox: Pick<Inbox, 'settings'>): Required<WebInboxSettings> {
  return { ...DEFAULT_WEB_SETTINGS, ...inbox.settings } as Required<WebInboxSettings>
}
