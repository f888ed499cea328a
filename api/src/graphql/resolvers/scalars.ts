import { GraphQLScalarType, Kind, type ValueNode } from 'graphql'
import { AppError } from '../../errors.ts'

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v : new Date(v as string)).toISOString(),
  parseValue: (v) => {
    const d = new Date(v as string)
    if (typeof v !== 'string' || Number.isNaN(d.getTime())) throw new AppError('BAD_USER_INPUT', `expected an ISO-8601 date-time, received ${JSON.stringify(v)}`)
    return d
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw new AppError('BAD_USER_INPUT', 'expected an ISO-8601 date-time string')
    return new Date(ast.value)
  },
})

function literal(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value)
    case Kind.NULL:
      return null
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables))
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]))
    case Kind.VARIABLE:
      return variables?.[ast.name.value]
    default:
      return undefined
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literal,
})

const lower = <T extends string>(...names: T[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()])) as Record<T, string>

/** GraphQL enums are SCREAMING; the domain and database use lowercase. */
export const enums = {
  ConversationStatus: lower('OPEN', 'PENDING', 'SNOOZED', 'RESOLVED'),
  ConversationPriority: lower('NONE', 'LOW', 'MEDIUM', 'HIGH', 'URGENT'),
  AssigneeFilter: lower('ME', 'UNASSIGNED', 'ANY'),
  SenderType: lower('VISITOR', 'AGENT', 'BOT', 'SYSTEM'),
  MessageKind: lower('TEXT', 'NOTE', 'EVENT'),
  SendableKind: lower('TEXT', 'NOTE'),
  DeliveryStatus: lower('STORED', 'DELIVERED', 'READ', 'FAILED'),
  AgentRole: lower('ADMIN', 'AGENT'),
  Availability: lower('ONLINE', 'AWAY', 'OFFLINE'),
  Channel: lower('WEB', 'EMAIL', 'SMS'),
  IdentityKind: lower('VISITOR', 'USER', 'EMAIL', 'PHONE'),
  ReplyTime: lower('FEW_MINUTES', 'FEW_HOURS', 'A_DAY'),
  WidgetPosition: lower('LEFT', 'RIGHT'),
}
