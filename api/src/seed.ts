import { randomBytes } from 'node:crypto'
import { sql } from './db/index.ts'
import type { Deps } from './deps.ts'
import { createAccount } from './domain/account/index.ts'
import { createAgent } from './domain/agent/index.ts'
import { createWebInbox } from './domain/inbox/index.ts'
import { createLabel } from './domain/label/index.ts'

export const DEMO_ADMIN_EMAIL = 'admin@parley.local'

export interface DemoInfo {
  email: string
  /** Only known on the run that created the account. */
  password?: string
  websiteToken: string
  created: boolean
}

/** On an empty database: a demo account, its admin and a web inbox. Otherwise finds them. */
export async function seedDemo(deps: Deps): Promise<DemoInfo> {
  const password = deps.config.PARLEY_DEMO_PASSWORD
  const [existing] = await deps.db.query<{ websiteToken: string }>(sql`
    select i.website_token as "websiteToken" from agents a join inboxes i on i.account_id = a.account_id
    where lower(a.email) = ${DEMO_ADMIN_EMAIL} and i.channel = 'web' order by i.created_at limit 1`)
  if (existing) return { email: DEMO_ADMIN_EMAIL, websiteToken: existing.websiteToken, created: false }
  const [{ n } = { n: 0 }] = await deps.db.query<{ n: number }>(sql`select count(*)::int as n from accounts`)
  if (n > 0) return { email: '(the database already has accounts; no demo seeded)', websiteToken: '', created: false }

  const account = await createAccount(deps, { name: 'Demo Company' })
  const pw = password ?? randomBytes(9).toString('base64url')
  await createAgent(deps, { accountId: account.id, email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', role: 'admin', password: pw })
  const inbox = await createWebInbox(deps, {
    accountId: account.id,
    name: 'Website',
    settings: { greeting: 'Hi there! Questions about Parley? We usually answer within minutes.' },
    allowedDomains: ['localhost', '127.0.0.1'],
  })
  for (const [name, color] of [['billing', '#f59e0b'], ['bug', '#ef4444'], ['feature-request', '#22c55e']] as const) {
    await createLabel(deps, account.id, { name, color })
  }
  return { email: DEMO_ADMIN_EMAIL, password: pw, websiteToken: inbox.websiteToken!, created: true }
}
