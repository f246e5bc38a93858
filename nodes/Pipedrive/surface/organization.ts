import { FOLLOWER_ID } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const ORGANIZATION_WRITE: Record<string, FieldSurface> = {
	industry: { description: 'The ID of the industry option (Organization Field → Get lists the options)' },
	annual_revenue: { description: 'The annual revenue of the organization', placeholder: 'e.g. 1000000' },
	employee_count: { description: 'How many people the organization employs', placeholder: 'e.g. 250' },
	website: { placeholder: 'e.g. https://example.com' },
	linkedin: { displayName: 'LinkedIn', placeholder: 'e.g. https://www.linkedin.com/company/example' },
};

/** Organization: the operations of operations/organization.json as users see them. */
export const organization: ResourceSurface = {
	addOrganization: { name: 'Create', action: 'Create an organization', fields: ORGANIZATION_WRITE },
	addOrganizationFollower: { name: 'Add Follower', action: 'Add a follower to an organization' },
	deleteOrganization: { name: 'Delete', action: 'Delete an organization' },
	deleteOrganizationFollower: {
		name: 'Remove Follower',
		action: 'Remove a follower from an organization',
		fields: { follower_id: FOLLOWER_ID },
	},
	getOrganization: { name: 'Get', action: 'Get an organization' },
	getOrganizationChangelog: { name: 'Get Field Changes', action: 'Get field value changes of an organization' },
	getOrganizationFiles: { name: 'Get Many Files', action: 'Get many files of an organization' },
	getOrganizationFollowers: { name: 'Get Many Followers', action: 'Get many followers of an organization' },
	getOrganizationFollowersChangelog: {
		name: 'Get Follower Changes',
		action: 'Get follower changes of an organization',
		description: 'List when users started and stopped following an organization',
	},
	getOrganizationMailMessages: { name: 'Get Many Mail Messages', action: 'Get many mail messages of an organization' },
	getOrganizations: { name: 'Get Many', action: 'Get many organizations' },
	getOrganizationUpdates: { name: 'Get Updates', action: 'Get updates about an organization' },
	getOrganizationUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see an organization' },
	mergeOrganizations: {
		name: 'Merge',
		action: 'Merge two organizations',
		description: 'Merge an organization into another organization; the other one is kept',
	},
	searchOrganization: { name: 'Search', action: 'Search organizations' },
	updateOrganization: {
		name: 'Update',
		action: 'Update an organization',
		description: 'Change the fields of an organization; fields left out keep their values',
		fields: ORGANIZATION_WRITE,
	},
};
