export { createAccount, getAccount, createAccountInput, type Account } from './service.ts'
