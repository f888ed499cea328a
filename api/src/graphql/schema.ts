import { makeExecutableSchema } from '@graphql-tools/schema'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { adminResolvers } from './resolvers/admin.ts'
import { agentResolvers } from './resolvers/agent.ts'
import { conversationResolvers } from './resolvers/conversation.ts'
import { DateTime, enums, JSONScalar } from './resolvers/scalars.ts'
import { subscriptionResolvers } from './resolvers/subscription.ts'
import { typeResolvers } from './resolvers/types.ts'
import { visitorResolvers } from './resolvers/visitor.ts'

export const typeDefs = readFileSync(join(import.meta.dir, 'schema.graphql'), 'utf8')

/** One executable schema, served over HTTP by graphql-yoga and over WebSocket by graphql-ws. */
export function buildSchema() {
  return makeExecutableSchema({
    typeDefs,
    resolvers: [
      { DateTime, JSON: JSONScalar, ...enums },
      typeResolvers,
      agentResolvers,
      adminResolvers,
      conversationResolvers,
      visitorResolvers,
      subscriptionResolvers,
    ],
  })
}
