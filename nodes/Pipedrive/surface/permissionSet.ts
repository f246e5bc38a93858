import type { ResourceSurface } from './types';

/** Permission Set: the operations of operations/permissionSet.json as users see them. */
export const permissionSet: ResourceSurface = {
	getPermissionSet: { name: 'Get', action: 'Get a permission set' },
	getPermissionSetAssignments: { name: 'Get Many Assignments', action: 'Get many assignments of a permission set' },
	getPermissionSets: { name: 'Get Many', action: 'Get many permission sets', filters: true },
};
