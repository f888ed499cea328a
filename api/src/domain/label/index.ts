export { createLabel, listLabels, labelsOfConversation, labelName, type Label } from './service.ts'
