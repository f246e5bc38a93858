import type { ResourceSurface } from './types';

/** Legacy Team: the operations of operations/legacyTeam.json as users see them. */
export const legacyTeam: ResourceSurface = {
	addTeam: { name: 'Create', action: 'Create a legacy team' },
	addTeamUser: { name: 'Add Users', action: 'Add users to a legacy team' },
	deleteTeamUser: { name: 'Remove Users', action: 'Remove users from a legacy team' },
	getTeam: { name: 'Get', action: 'Get a legacy team' },
	getTeams: { name: 'Get Many', action: 'Get many legacy teams' },
	getTeamUsers: { name: 'Get Many Users', action: 'Get many users of a legacy team' },
	getUserTeams: { name: 'Get Many of a User', action: 'Get many legacy teams of a user' },
	updateTeam: { name: 'Update', action: 'Update a legacy team' },
};
