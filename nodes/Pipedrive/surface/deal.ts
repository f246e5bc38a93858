import { DATE_TIME, DEAL_STATUS, DEAL_STATUS_FILTER, FOLLOWER_ID, HIDDEN } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

/** Set by Pipedrive when a deal is won, lost or closed; correctable on update, not offered on create. */
const CLOSING_TIMES = {
	won_time: { ...DATE_TIME, description: 'When the deal was won; only with status Won' },
	lost_time: { ...DATE_TIME, description: 'When the deal was lost; only with status Lost' },
	close_time: { ...DATE_TIME, description: 'When the deal was closed; only with status Won or Lost' },
};

const DEAL_WRITE: Record<string, FieldSurface> = {
	status: DEAL_STATUS,
	lost_reason: { description: 'Why the deal was lost; only with status Lost' },
	probability: { description: 'The success probability in percent', placeholder: 'e.g. 60' },
	expected_close_date: { description: 'When the deal is expected to close' },
	// Deleting is its own operation; a deleted deal is not created.
	is_deleted: HIDDEN,
};

/** Deal: the operations of operations/deal.json as users see them. */
export const deal: ResourceSurface = {
	addDeal: {
		name: 'Create',
		action: 'Create a deal',
		description: 'Create a deal with its value, contacts, pipeline stage and custom fields',
		fields: { ...DEAL_WRITE, won_time: HIDDEN, lost_time: HIDDEN, close_time: HIDDEN, is_archived: HIDDEN, archive_time: HIDDEN },
	},
	addDealFollower: { name: 'Add Follower', action: 'Add a follower to a deal' },
	addDealParticipant: { name: 'Add Participant', action: 'Add a participant to a deal' },
	convertDealToLead: { name: 'Convert to Lead', action: 'Convert a deal to a lead' },
	deleteAdditionalDiscount: { name: 'Delete Discount', action: 'Delete a discount from a deal' },
	deleteDeal: { name: 'Delete', action: 'Delete a deal' },
	deleteDealFollower: { name: 'Remove Follower', action: 'Remove a follower from a deal', fields: { follower_id: FOLLOWER_ID } },
	deleteDealParticipant: { name: 'Remove Participant', action: 'Remove a participant from a deal' },
	duplicateDeal: { name: 'Duplicate', action: 'Duplicate a deal' },
	getAdditionalDiscounts: { name: 'Get Many Discounts', action: 'Get many discounts of a deal' },
	getArchivedDeals: { name: 'Get Many Archived', action: 'Get many archived deals', fields: { status: DEAL_STATUS_FILTER } },
	getArchivedDealsSummary: {
		name: 'Get Archived Summary',
		action: 'Get a summary of archived deals',
		filters: true,
		description: 'Summarize archived deals by currency (deprecated: Pipedrive offers no replacement)',
	},
	getArchivedDealsTimeline: {
		name: 'Get Archived Timeline',
		action: 'Get a timeline of archived deals',
		filters: true,
		description: 'Group archived open and won deals by intervals of a date field (deprecated: Pipedrive offers no replacement)',
		fields: { field_key: { description: 'The key of the date field to group by', placeholder: 'e.g. close_time' } },
	},
	getDeal: { name: 'Get', action: 'Get a deal' },
	getDealChangelog: { name: 'Get Field Changes', action: 'Get field value changes of a deal' },
	getDealConversionStatus: {
		name: 'Get Conversion Status',
		action: 'Get the lead conversion status of a deal',
		description: 'Return the status of converting a deal to a lead, and the lead once done',
	},
	getDealFiles: { name: 'Get Many Files', action: 'Get many files of a deal' },
	getDealFollowers: { name: 'Get Many Followers', action: 'Get many followers of a deal' },
	getDealFollowersChangelog: {
		name: 'Get Follower Changes',
		action: 'Get follower changes of a deal',
		description: 'List when users started and stopped following a deal',
	},
	getDealMailMessages: { name: 'Get Many Mail Messages', action: 'Get many mail messages of a deal' },
	getDealParticipants: {
		name: 'Get Many Participants',
		action: 'Get many participants of a deal',
		description: 'List the persons taking part in a deal',
	},
	getDealParticipantsChangelog: { name: 'Get Participant Changes', action: 'Get participant changes of a deal' },
	getDeals: {
		name: 'Get Many',
		action: 'Get many deals',
		description: 'List deals, filtered by owner, contact, pipeline, stage, status or change time',
		fields: { status: DEAL_STATUS_FILTER },
	},
	getDealsSummary: { name: 'Get Summary', action: 'Get a summary of deals', filters: true },
	getDealsTimeline: {
		name: 'Get Timeline',
		action: 'Get a timeline of deals',
		filters: true,
		description: 'Group open and won deals by intervals of a date field, e.g. by month of their close time',
		fields: { field_key: { description: 'The key of the date field to group by', placeholder: 'e.g. close_time' } },
	},
	getDealUpdates: { name: 'Get Updates', action: 'Get updates about a deal' },
	getDealUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a deal' },
	mergeDeals: {
		name: 'Merge',
		action: 'Merge two deals',
		description: 'Merge a deal into another deal; the other deal is kept',
	},
	postAdditionalDiscount: {
		name: 'Add Discount',
		action: 'Add a discount to a deal',
		order: ['id', 'description', 'type', 'amount'],
		fields: {
			type: { displayName: 'Discount Type', default: 'percentage' },
			description: { displayName: 'Name', description: 'The name of the discount' },
		},
	},
	searchDeals: { name: 'Search', action: 'Search deals' },
	updateAdditionalDiscount: { name: 'Update Discount', action: 'Update a discount of a deal' },
	updateDeal: {
		name: 'Update',
		action: 'Update a deal',
		description: 'Change the fields of a deal; fields left out keep their values',
		fields: {
			...DEAL_WRITE,
			...CLOSING_TIMES,
			is_archived: { description: 'Whether the deal is archived' },
			archive_time: { ...DATE_TIME, description: 'When the deal was archived; only for archived deals' },
		},
	},
};
