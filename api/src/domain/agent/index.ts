export { createAgent, getAgent, listAgents, updateAgent, setAvailability } from './service.ts'
export {
  agentSchema,
  availabilitySchema,
  createAgentInput,
  emailSchema,
  roleSchema,
  updateAgentInput,
  type Agent,
  type Availability,
  type CreateAgentInput,
  type Role,
  type UpdateAgentInput,
} from './schema.ts'
