import type { FieldSurface, ResourceSurface } from './types';

const LEAD_WRITE: Record<string, FieldSurface> = {
	value: { description: 'The potential value of the lead: an amount and a currency' },
	expected_close_date: { description: 'When the deal made from the lead is expected to close' },
	was_seen: { description: 'Whether someone has seen the lead in Pipedrive' },
	channel: { displayName: 'Marketing Channel ID', description: 'The ID of the marketing channel the lead came from' },
	channel_id: { displayName: 'Marketing Channel Detail', description: 'An ID that further distinguishes the marketing channel' },
};

/** Lead: the operations of operations/lead.json as users see them. */
export const lead: ResourceSurface = {
	addLead: {
		name: 'Create',
		action: 'Create a lead',
		description: 'Create a lead linked to a person or an organization',
		fields: {
			...LEAD_WRITE,
			origin_id: {
				displayName: 'Origin ID',
				description: 'An ID that further distinguishes where the lead came from, e.g. the integration',
			},
		},
	},
	convertLeadToDeal: {
		name: 'Convert to Deal',
		action: 'Convert a lead to a deal',
		description: 'Start converting a lead into a deal; Get Conversion Status tells when it is done',
	},
	deleteLead: { name: 'Delete', action: 'Delete a lead' },
	getArchivedLeads: { name: 'Get Many Archived', action: 'Get many archived leads' },
	getLead: { name: 'Get', action: 'Get a lead' },
	getLeadConversionStatus: {
		name: 'Get Conversion Status',
		action: 'Get the deal conversion status of a lead',
		description: 'Return the status of converting a lead to a deal, and the deal once done',
	},
	getLeads: { name: 'Get Many', action: 'Get many leads' },
	getLeadUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a lead' },
	searchLeads: { name: 'Search', action: 'Search leads' },
	updateLead: {
		name: 'Update',
		action: 'Update a lead',
		description: 'Change the fields of a lead; fields left out keep their values',
		fields: { ...LEAD_WRITE, is_archived: { description: 'Whether the lead is archived' } },
	},
};
