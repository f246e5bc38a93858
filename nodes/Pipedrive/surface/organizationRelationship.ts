import type { FieldSurface, ResourceSurface } from './types';

const RELATIONSHIP_WRITE: Record<string, FieldSurface> = {
	rel_owner_org_id: { displayName: 'Owner Organization ID', description: 'The parent organization, or the first of two related ones' },
	rel_linked_org_id: { displayName: 'Linked Organization ID', description: 'The daughter organization, or the second of two related ones' },
	org_id: { displayName: 'Base Organization ID', description: 'The organization the calculated values in the response refer to' },
};

/** Organization Relationship: the operations of operations/organizationRelationship.json as users see them. */
export const organizationRelationship: ResourceSurface = {
	addOrganizationRelationship: {
		name: 'Create',
		action: 'Create an organization relationship',
		description: 'Link two organizations as parent and daughter, or as related',
		order: ['type', 'rel_owner_org_id', 'rel_linked_org_id'],
		fields: RELATIONSHIP_WRITE,
	},
	deleteOrganizationRelationship: { name: 'Delete', action: 'Delete an organization relationship' },
	getOrganizationRelationship: {
		name: 'Get',
		action: 'Get an organization relationship',
		description: 'Return one organization relationship by its ID',
		fields: { org_id: RELATIONSHIP_WRITE.org_id },
	},
	getOrganizationRelationships: {
		name: 'Get Many',
		action: 'Get many organization relationships',
		description: 'List the relationships of an organization',
	},
	updateOrganizationRelationship: { name: 'Update', action: 'Update an organization relationship', fields: RELATIONSHIP_WRITE },
};
