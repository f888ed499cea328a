import { randomBytes } from 'node:crypto'
import type { Queryable } from '../../db/index.ts'
import { insertSettingIfAbsent, selectSetting } from './queries.ts'

const KEY = 'visitor_token_secret'

/**
 * PARLEY_SECRET when set; else the secret kept in the database, created on first start.
 * Two processes starting at once both insert-if-absent and then read the one that won.
 */
export async function loadServerSecret(db: Queryable, envSecret?: string): Promise<string> {
  if (envSecret) return envSecret
  const stored = await selectSetting(db, KEY)
  if (stored) return stored
  await insertSettingIfAbsent(db, KEY, randomBytes(32).toString('hex'))
  const winner = await selectSetting(db, KEY)
  if (!winner) throw new Error(`server_settings.${KEY} is missing right after it was inserted`)
  return winner
}
