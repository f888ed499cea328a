import { z } from 'zod'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { parse } from '../../validate.ts'

export const createAccountInput = z.object({ name: z.string().trim().min(1).max(120) })

export interface Account {
  id: string
  name: string
  createdAt: Date
}

export async function createAccount(deps: Deps, input: z.input<typeof createAccountInput>): Promise<Account> {
  const { name } = parse(createAccountInput, input)
  const [row] = await deps.db.query<Account>(
    sql`insert into accounts (name) values (${name}) returning id, name, created_at as "createdAt"`,
  )
  return row!
}

export async function getAccount(deps: Deps, id: string): Promise<Account | undefined> {
  const [row] = await deps.db.query<Account>(sql`select id, name, created_at as "createdAt" from accounts where id = ${id}`)
  return row
}
