export { createWebInbox, updateWebInbox, getInbox, listInboxes, findInboxByWebsiteToken } from './service.ts'
export { createWebInboxInput, updateWebInboxInput, webInboxSettings, type Inbox, type WebInboxSettings } from './schema.ts'
