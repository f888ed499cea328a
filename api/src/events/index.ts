export { EVENTS, type EventName, type ParleyEvent } from './names.ts'
export { localBus, pgBus, type EventBus, EVENTS_CHANNEL } from './bus.ts'
