export { createTeam, listTeams, getTeam, addTeamMember, removeTeamMember, listTeamMemberIds, type Team } from './service.ts'
