import { z } from 'zod'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { AppError, notFound } from '../../errors.ts'
import { parse } from '../../validate.ts'

const shortCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,32}$/, 'expected 1-32 letters, digits, - or _ (typed after / in the composer)')
const content = z.string().trim().min(1, 'must not be empty').max(5000)

export const createCannedResponseInput = z.object({ shortCode, content }).strict()
export const updateCannedResponseInput = z.object({ id: z.uuid(), shortCode: shortCode.optional(), content: content.optional() }).strict()

export interface CannedResponse {
  id: string
  shortCode: string
  content: string
}

const columns = sql`id, short_code as "shortCode", content`

function conflict(code: string) {
  return new AppError('CONFLICT', `shortCode: a canned response /${code} already exists`, { field: 'shortCode' })
}

/** The account's canned responses; `search` matches the start of the short code or any part of the text. */
export async function listCannedResponses(deps: Deps, accountId: string, search?: string | null): Promise<CannedResponse[]> {
  const term = (search ?? '').trim().toLowerCase().replace(/^\//, '')
  const filter = term
    ? sql`and (short_code like ${term.replace(/[\\%_]/g, '\\$&') + '%'} or content ilike ${'%' + term.replace(/[\\%_]/g, '\\$&') + '%'})`
    : sql``
  return deps.db.query<CannedResponse>(sql`
    select ${columns} from canned_responses where account_id = ${accountId} ${filter} order by short_code limit 100`)
}

export async function createCannedResponse(deps: Deps, accountId: string, input: unknown): Promise<CannedResponse> {
  const data = parse(createCannedResponseInput, input)
  const [row] = await deps.db.query<CannedResponse>(sql`
    insert into canned_responses (account_id, short_code, content) values (${accountId}, ${data.shortCode}, ${data.content})
    on conflict (account_id, short_code) do nothing returning ${columns}`)
  if (!row) throw conflict(data.shortCode)
  return row
}

export async function updateCannedResponse(deps: Deps, accountId: string, input: unknown): Promise<CannedResponse> {
  const data = parse(updateCannedResponseInput, input)
  const [current] = await deps.db.query<CannedResponse>(sql`select ${columns} from canned_responses where id = ${data.id} and account_id = ${accountId}`)
  if (!current) throw notFound('canned response')
  const code = data.shortCode ?? current.shortCode
  const [clash] = await deps.db.query(sql`
    select 1 from canned_responses where account_id = ${accountId} and short_code = ${code} and id <> ${data.id}`)
  if (clash) throw conflict(code)
  const [row] = await deps.db.query<CannedResponse>(sql`
    update canned_responses set short_code = ${code}, content = ${data.content ?? current.content}, updated_at = now()
    where id = ${data.id} and account_id = ${accountId} returning ${columns}`)
  return row!
}

export async function deleteCannedResponse(deps: Deps, accountId: string, id: unknown): Promise<boolean> {
  const key = parse(z.uuid(), id, ['id'])
  const rows = await deps.db.query(sql`delete from canned_responses where id = ${key} and account_id = ${accountId} returning id`)
  if (rows.length === 0) throw notFound('canned response')
  return true
}
