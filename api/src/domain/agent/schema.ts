import { z } from 'zod'

export const roleSchema = z.enum(['admin', 'agent'])
export const availabilitySchema = z.enum(['online', 'away', 'offline'])

/** Emails compare case-insensitively everywhere (the unique index is on lower(email)). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: (iss) => `expected an email address, received ${JSON.stringify(iss.input)}` }))

const nameSchema = z.string().trim().min(1, 'expected a name, received an empty string').max(120)

export const createAgentInput = z.object({
  accountId: z.uuid(),
  email: emailSchema,
  name: nameSchema,
  role: roleSchema.default('agent'),
  password: z.string().min(8).max(200),
})

export const updateAgentInput = z.object({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
})

export const agentSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  availability: availabilitySchema,
  createdAt: z.date(),
})

export type Agent = z.infer<typeof agentSchema>
export type Role = z.infer<typeof roleSchema>
export type Availability = z.infer<typeof availabilitySchema>
export type CreateAgentInput = z.input<typeof createAgentInput>
export type UpdateAgentInput = z.input<typeof updateAgentInput>
