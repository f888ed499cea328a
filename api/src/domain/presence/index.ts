export { createPresenceTracker, type PresenceTracker, type PresenceSubject } from './tracker.ts'
export { agentPresence, visitorOnline, agentsAvailable, type PresenceState } from './queries.ts'
