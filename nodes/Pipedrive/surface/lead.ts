import type { ResourceSurface } from './types';

/** Lead: the operations of operations/lead.json as users see them. */
export const lead: ResourceSurface = {
	addLead: { name: 'Create', action: 'Create a lead' },
	convertLeadToDeal: { name: 'Convert to Deal', action: 'Convert a lead to a deal' },
	deleteLead: { name: 'Delete', action: 'Delete a lead' },
	getArchivedLeads: { name: 'Get Many Archived', action: 'Get many archived leads' },
	getLead: { name: 'Get', action: 'Get a lead' },
	getLeadConversionStatus: { name: 'Get Conversion Status', action: 'Get the deal conversion status of a lead' },
	getLeads: { name: 'Get Many', action: 'Get many leads' },
	getLeadUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a lead' },
	searchLeads: { name: 'Search', action: 'Search leads' },
	updateLead: { name: 'Update', action: 'Update a lead' },
};
