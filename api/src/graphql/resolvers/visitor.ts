import { widgetSettingsOf, withinBusinessHours } from '../../domain/inbox/index.ts'
import { agentsAvailable } from '../../domain/presence/index.ts'
import { startVisitorSession, updateVisitorContact, updateVisitorContext } from '../../domain/visitor/index.ts'
import type { GqlContext } from '../context.ts'
import { definedArgs } from './types.ts'

export const visitorResolvers = {
  Mutation: {
    updateVisitorContext: (_: unknown, { input }: { input: Record<string, unknown> }, ctx: GqlContext) =>
      updateVisitorContext(ctx.deps, ctx.viewer, definedArgs(input)),
    updateVisitorContact: (_: unknown, { input }: { input: Record<string, unknown> }, ctx: GqlContext) =>
      updateVisitorContact(ctx.deps, ctx.viewer, definedArgs(input)),
    startVisitorSession: async (_: unknown, { input }: { input: Record<string, unknown> }, ctx: GqlContext) => {
      const data = definedArgs(input)
      if (data.identity) data.identity = definedArgs(data.identity as Record<string, unknown>)
      if (data.context) data.context = definedArgs(data.context as Record<string, unknown>)
      const session = await startVisitorSession(ctx.deps, data as never, ctx.origin)
      return {
        token: session.token,
        visitorId: session.viewer.visitorId,
        contactId: session.viewer.contactId,
        identityVerified: session.identityVerified,
        agentsOnline: await agentsAvailable(ctx.deps, session.viewer.accountId),
        withinBusinessHours: withinBusinessHours(widgetSettingsOf(session.inbox).businessHours),
        inboxName: session.inbox.name,
        widget: widgetSettingsOf(session.inbox),
      }
    },
  },
}
