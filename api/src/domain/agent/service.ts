import { z } from 'zod'
import type { Deps } from '../../deps.ts'
import { AppError, notFound } from '../../errors.ts'
import { parse } from '../../validate.ts'
import { hashPassword } from '../auth/password.ts'
import { accountExists, insertAgent, selectAgent, selectAgents, updateAgentRow, updateAvailability } from './queries.ts'
import {
  availabilitySchema,
  createAgentInput,
  updateAgentInput,
  type Agent,
  type Availability,
  type CreateAgentInput,
  type UpdateAgentInput,
} from './schema.ts'

const id = z.uuid()

export async function createAgent(deps: Deps, input: CreateAgentInput): Promise<Agent> {
  const data = parse(createAgentInput, input)
  const passwordHash = await hashPassword(data.password)
  return deps.db.tx(async (q) => {
    if (!(await accountExists(q, data.accountId))) throw notFound('account')
    const agent = await insertAgent(q, { ...data, passwordHash })
    if (!agent) throw new AppError('CONFLICT', 'email: an agent with this email already exists', { field: 'email' })
    return agent
  })
}

export async function getAgent(deps: Deps, accountId: string, agentId: string): Promise<Agent> {
  const agent = await selectAgent(deps.db, parse(id, accountId, ['accountId']), parse(id, agentId, ['id']))
  if (!agent) throw notFound('agent')
  return agent
}

export function listAgents(deps: Deps, accountId: string): Promise<Agent[]> {
  return selectAgents(deps.db, parse(id, accountId, ['accountId']))
}

export async function updateAgent(deps: Deps, accountId: string, agentId: string, input: UpdateAgentInput): Promise<Agent> {
  const patch = parse(updateAgentInput, input)
  const agent = await updateAgentRow(deps.db, parse(id, accountId, ['accountId']), parse(id, agentId, ['id']), patch)
  if (!agent) throw notFound('agent')
  return agent
}

export async function setAvailability(deps: Deps, agentId: string, availability: Availability): Promise<Agent> {
  const value = parse(availabilitySchema, availability, ['availability'])
  const agent = await updateAvailability(deps.db, parse(id, agentId, ['agentId']), value)
  if (!agent) throw notFound('agent')
  return agent
}
