export { createWebInbox, updateWebInbox, getInbox, listInboxes, findInboxByWebsiteToken, widgetSettingsOf } from './service.ts'
export { withinBusinessHours } from './business-hours.ts'
export { createWebInboxInput, updateWebInboxInput, webInboxSettings, type Inbox, type WebInboxSettings } from './schema.ts'
export { isOriginAllowed, originRefusal } from './allowed-origin.ts'
