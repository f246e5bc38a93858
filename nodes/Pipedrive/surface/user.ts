import type { ResourceSurface } from './types';

/** User: the operations of operations/user.json as users see them. */
export const user: ResourceSurface = {
	addUser: {
		name: 'Create',
		action: 'Create a user',
		description: 'Invite a user to the company by email',
		fields: { access: { description: 'The apps the user may use, each with an optional admin flag and permission set' } },
	},
	findUsersByName: { name: 'Search', action: 'Search users by name' },
	getCurrentUser: { name: 'Get Current', action: 'Get the current user' },
	getUser: { name: 'Get', action: 'Get a user' },
	getUserFollowers: { name: 'Get Many Followers', action: 'Get many followers of a user' },
	getUserPermissions: { name: 'Get Permissions', action: 'Get the permissions of a user' },
	getUserRoleAssignments: { name: 'Get Many Role Assignments', action: 'Get many role assignments of a user' },
	getUserRoleSettings: { name: 'Get Role Settings', action: 'Get the role settings of a user' },
	getUsers: { name: 'Get Many', action: 'Get many users' },
	updateUser: {
		name: 'Update',
		action: 'Update a user',
		description: 'Activate or deactivate a user',
		fields: { active_flag: { displayName: 'Active' } },
	},
};
