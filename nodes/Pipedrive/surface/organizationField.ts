import type { ResourceSurface } from './types';

/** Organization Field: the operations of operations/organizationField.json as users see them. */
export const organizationField: ResourceSurface = {
	addOrganizationField: { name: 'Create', action: 'Create an organization field' },
	addOrganizationFieldOptions: { name: 'Add Options', action: 'Add options to an organization field' },
	deleteOrganizationField: { name: 'Delete', action: 'Delete an organization field' },
	deleteOrganizationFieldOptions: { name: 'Delete Options', action: 'Delete options from an organization field' },
	deleteOrganizationFields: { name: 'Delete Many', action: 'Delete many organization fields' },
	getOrganizationField: { name: 'Get', action: 'Get an organization field' },
	getOrganizationFields: { name: 'Get Many', action: 'Get many organization fields' },
	updateOrganizationField: { name: 'Update', action: 'Update an organization field' },
	updateOrganizationFieldOptions: { name: 'Update Options', action: 'Update options of an organization field' },
};
