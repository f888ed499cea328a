export { startVisitorSession, updateVisitorContext, updateVisitorContact, type VisitorSession } from './service.ts'
export { startVisitorSessionInput } from './schema.ts'
