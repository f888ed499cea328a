import { z } from 'zod'
import { sql } from '../../db/index.ts'
import type { Deps } from '../../deps.ts'
import { AppError, notFound } from '../../errors.ts'
import { parse } from '../../validate.ts'

export const createTeamInput = z.object({ name: z.string().trim().min(1).max(80) }).strict()
export const teamMemberInput = z.object({ teamId: z.uuid(), agentId: z.uuid() }).strict()

export interface Team {
  id: string
  accountId: string
  name: string
  createdAt: Date
}

const teamColumns = sql`id, account_id as "accountId", name, created_at as "createdAt"`

export async function createTeam(deps: Deps, accountId: string, input: z.input<typeof createTeamInput>): Promise<Team> {
  const { name } = parse(createTeamInput, input)
  const [row] = await deps.db.query<Team>(sql`
    insert into teams (account_id, name) values (${accountId}, ${name})
    on conflict (account_id, name) do nothing
    returning ${teamColumns}`)
  if (!row) throw new AppError('CONFLICT', `name: a team called "${name}" already exists`, { field: 'name' })
  return row
}

export async function listTeams(deps: Deps, accountId: string): Promise<Team[]> {
  return deps.db.query<Team>(sql`select ${teamColumns} from teams where account_id = ${accountId} order by name`)
}

export async function getTeam(deps: Deps, accountId: string, id: string): Promise<Team> {
  const [row] = await deps.db.query<Team>(sql`select ${teamColumns} from teams where id = ${id} and account_id = ${accountId}`)
  if (!row) throw notFound('team')
  return row
}

/** Adds an agent to a team; both must belong to the account. Adding twice is a no-op. */
export async function addTeamMember(deps: Deps, accountId: string, input: z.input<typeof teamMemberInput>): Promise<Team> {
  const { teamId, agentId } = parse(teamMemberInput, input)
  const team = await getTeam(deps, accountId, teamId)
  const [agent] = await deps.db.query(sql`select 1 from agents where id = ${agentId} and account_id = ${accountId}`)
  if (!agent) throw notFound('agent')
  await deps.db.query(sql`insert into team_members (team_id, agent_id) values (${teamId}, ${agentId}) on conflict do nothing`)
  return team
}

export async function removeTeamMember(deps: Deps, accountId: string, input: z.input<typeof teamMemberInput>): Promise<Team> {
  const { teamId, agentId } = parse(teamMemberInput, input)
  const team = await getTeam(deps, accountId, teamId)
  await deps.db.query(sql`delete from team_members where team_id = ${teamId} and agent_id = ${agentId}`)
  return team
}

export async function listTeamsOfAgent(deps: Deps, agentId: string): Promise<Team[]> {
  return deps.db.query<Team>(sql`
    select ${teamColumns} from teams where id in (select team_id from team_members where agent_id = ${agentId}) order by name`)
}

export async function listTeamMemberIds(deps: Deps, teamId: string): Promise<string[]> {
  const rows = await deps.db.query<{ agentId: string }>(sql`select agent_id as "agentId" from team_members where team_id = ${teamId}`)
  return rows.map((r) => r.agentId)
}
