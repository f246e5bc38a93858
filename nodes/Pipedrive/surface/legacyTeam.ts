import { idList } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const TEAM_WRITE: Record<string, FieldSurface> = {
	manager_id: { description: 'The ID of the user who manages the team' },
	users: idList('users in the team', 'User IDs'),
};

/** Legacy Team: the operations of operations/legacyTeam.json as users see them. */
export const legacyTeam: ResourceSurface = {
	addTeam: { name: 'Create', action: 'Create a legacy team', fields: TEAM_WRITE },
	addTeamUser: { name: 'Add Users', action: 'Add users to a legacy team', fields: { users: idList('users to add', 'User IDs') } },
	deleteTeamUser: {
		name: 'Remove Users',
		action: 'Remove users from a legacy team',
		fields: { users: idList('users to remove', 'User IDs') },
	},
	getTeam: { name: 'Get', action: 'Get a legacy team' },
	getTeams: { name: 'Get Many', action: 'Get many legacy teams' },
	getTeamUsers: { name: 'Get Many Users', action: 'Get many users of a legacy team' },
	getUserTeams: { name: 'Get Many for User', action: 'Get many legacy teams of a user' },
	updateTeam: {
		name: 'Update',
		action: 'Update a legacy team',
		fields: {
			...TEAM_WRITE,
			active_flag: { displayName: 'Active', description: 'Whether the team is active' },
			deleted_flag: { displayName: 'Deleted', description: 'Whether the team is deleted' },
		},
	},
};
