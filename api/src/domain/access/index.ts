import { AppError } from '../../errors.ts'
import type { AgentViewer, Viewer, VisitorViewer } from '../../viewer.ts'

/** Service-layer guards: every service calls one of these before touching data. */
export function requireAgent(viewer: Viewer): AgentViewer {
  if (viewer.type === 'agent') return viewer
  throw new AppError('UNAUTHENTICATED', viewer.type === 'anonymous' && viewer.reason ? viewer.reason : 'sign in as an agent to do this')
}

export function requireAdmin(viewer: Viewer): AgentViewer {
  const agent = requireAgent(viewer)
  if (agent.role !== 'admin') throw new AppError('FORBIDDEN', 'only admins can do this')
  return agent
}

export function requireVisitor(viewer: Viewer): VisitorViewer {
  if (viewer.type === 'visitor') return viewer
  throw new AppError('UNAUTHENTICATED', viewer.type === 'anonymous' && viewer.reason ? viewer.reason : 'start a visitor session first')
}

export function requireSignedIn(viewer: Viewer): AgentViewer | VisitorViewer {
  if (viewer.type === 'anonymous') throw new AppError('UNAUTHENTICATED', viewer.reason ?? 'a session token is required')
  return viewer
}
