export { createContact, applyTraits, addIdentity, findContactByIdentity, getContact, listIdentities, contactColumns } from './service.ts'
export { contactTraits, type Contact, type ContactIdentity, type ContactTraits } from './schema.ts'
