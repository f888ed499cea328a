export { createTeam, listTeams, getTeam, addTeamMember, removeTeamMember, listTeamMemberIds, listTeamsOfAgent, type Team } from './service.ts'
