import type { ResourceSurface } from './types';

/** Organization Relationship: the operations of operations/organizationRelationship.json as users see them. */
export const organizationRelationship: ResourceSurface = {
	addOrganizationRelationship: { name: 'Create', action: 'Create an organization relationship' },
	deleteOrganizationRelationship: { name: 'Delete', action: 'Delete an organization relationship' },
	getOrganizationRelationship: { name: 'Get', action: 'Get an organization relationship' },
	getOrganizationRelationships: { name: 'Get Many', action: 'Get many organization relationships' },
	updateOrganizationRelationship: { name: 'Update', action: 'Update an organization relationship' },
};
