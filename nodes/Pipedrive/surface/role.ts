import { visibleTo } from './fields';
import type { ResourceSurface } from './types';

/** Role: the operations of operations/role.json as users see them. */
export const role: ResourceSurface = {
	addOrUpdateRoleSetting: {
		name: 'Create or Update Setting',
		action: 'Create or update a setting of a role',
		description: 'Set the default visibility of new deals, leads, persons, organizations or products for a role',
		order: ['id', 'setting_key', 'value'],
		fields: {
			setting_key: {
				displayName: 'Setting',
				options: [
					{ name: 'Default Visibility of Deals', value: 'deal_default_visibility' },
					{ name: 'Default Visibility of Leads', value: 'lead_default_visibility' },
					{ name: 'Default Visibility of Organizations', value: 'org_default_visibility' },
					{ name: 'Default Visibility of Persons', value: 'person_default_visibility' },
					{ name: 'Default Visibility of Products', value: 'product_default_visibility' },
				],
				default: 'deal_default_visibility',
			},
			value: { ...visibleTo('record'), displayName: 'Visibility', description: 'Who can see new records of this type' },
		},
	},
	addRole: { name: 'Create', action: 'Create a role' },
	addRoleAssignment: { name: 'Add Assignment', action: 'Assign a user to a role' },
	deleteRole: { name: 'Delete', action: 'Delete a role' },
	deleteRoleAssignment: { name: 'Remove Assignment', action: 'Remove a user from a role' },
	getRole: { name: 'Get', action: 'Get a role' },
	getRoleAssignments: { name: 'Get Many Assignments', action: 'Get many assignments of a role' },
	getRolePipelines: {
		name: 'Get Pipeline Visibility',
		action: 'Get the pipeline visibility of a role',
		fields: { visible: { description: 'Whether to return the visible pipelines (on) or the hidden ones (off)' } },
	},
	getRoles: { name: 'Get Many', action: 'Get many roles' },
	getRoleSettings: { name: 'Get Settings', action: 'Get the settings of a role' },
	updateRole: { name: 'Update', action: 'Update a role' },
	updateRolePipelines: {
		name: 'Update Pipeline Visibility',
		action: 'Update the pipeline visibility of a role',
		fields: {
			visible_pipeline_ids: {
				displayName: 'Pipeline IDs',
				description: 'The pipelines to make visible (add) and hidden (remove) for the role',
			},
		},
	},
};
