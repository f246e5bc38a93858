import type { ResourceSurface } from './types';

/** Role: the operations of operations/role.json as users see them. */
export const role: ResourceSurface = {
	addOrUpdateRoleSetting: { name: 'Create or Update Setting', action: 'Create or update a setting of a role' },
	addRole: { name: 'Create', action: 'Create a role' },
	addRoleAssignment: { name: 'Add Assignment', action: 'Assign a user to a role' },
	deleteRole: { name: 'Delete', action: 'Delete a role' },
	deleteRoleAssignment: { name: 'Remove Assignment', action: 'Remove a user from a role' },
	getRole: { name: 'Get', action: 'Get a role' },
	getRoleAssignments: { name: 'Get Many Assignments', action: 'Get many assignments of a role' },
	getRolePipelines: { name: 'Get Pipeline Visibility', action: 'Get the pipeline visibility of a role' },
	getRoles: { name: 'Get Many', action: 'Get many roles' },
	getRoleSettings: { name: 'Get Settings', action: 'Get the settings of a role' },
	updateRole: { name: 'Update', action: 'Update a role' },
	updateRolePipelines: { name: 'Update Pipeline Visibility', action: 'Update the pipeline visibility of a role' },
};
