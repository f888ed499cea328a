import { z } from 'zod'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { parse } from '../../validate.ts'

export const labelName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected 1-40 letters, digits, - or _')

export const createLabelInput = z
  .object({ name: labelName, color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #22c55e').optional() })
  .strict()

export interface Label {
  id: string
  name: string
  color: string
}

export async function createLabel(deps: Deps, accountId: string, input: z.input<typeof createLabelInput>): Promise<Label> {
  const data = parse(createLabelInput, input)
  const [row] = await deps.db.query<Label>(sql`
    insert into labels (account_id, name, color) values (${accountId}, ${data.name}, ${data.color ?? '#6b7280'})
    on conflict (account_id, name) do nothing
    returning id, name, color`)
  if (!row) throw new AppError('CONFLICT', `name: a label called "${data.name}" already exists`, { field: 'name' })
  return row
}

export async function listLabels(deps: Deps, accountId: string): Promise<Label[]> {
  return deps.db.query<Label>(sql`select id, name, color from labels where account_id = ${accountId} order by name`)
}

export async function labelsOfConversation(deps: Deps, conversationId: string): Promise<Label[]> {
  return deps.db.query<Label>(sql`
    select l.id, l.name, l.color from conversation_labels cl join labels l on l.id = cl.label_id
    where cl.conversation_id = ${conversationId} order by l.name`)
}
