export { startVisitorSession, type VisitorSession } from './service.ts'
export { startVisitorSessionInput } from './schema.ts'
