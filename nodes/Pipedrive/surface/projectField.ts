import type { ResourceSurface } from './types';

/** Project Field: the operations of operations/projectField.json as users see them. */
export const projectField: ResourceSurface = {
	addProjectField: { name: 'Create', action: 'Create a project field' },
	addProjectFieldOptions: { name: 'Add Options', action: 'Add options to a project field' },
	deleteProjectField: { name: 'Delete', action: 'Delete a project field' },
	deleteProjectFieldOptions: { name: 'Delete Options', action: 'Delete options from a project field' },
	getProjectField: { name: 'Get', action: 'Get a project field' },
	getProjectFields: { name: 'Get Many', action: 'Get many project fields' },
	updateProjectField: { name: 'Update', action: 'Update a project field' },
	updateProjectFieldOptions: { name: 'Update Options', action: 'Update options of a project field' },
};
