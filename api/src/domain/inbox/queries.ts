import { sql } from '../../db/index.ts'

export const inboxColumns = sql`
  id, account_id as "accountId", name, channel, website_token as "websiteToken", settings,
  allowed_domains as "allowedDomains", require_identity_verification as "requireIdentityVerification",
  identity_secret as "identitySecret", created_at as "createdAt"`
