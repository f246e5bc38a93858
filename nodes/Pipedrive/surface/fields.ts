/** Field surfaces that several resources share: one definition each, used by the per-resource files. */
import type { FieldOption, FieldSurface } from './types';

/**
 * Pipedrive's visibility levels (visible_to). What a value means depends on the company's plan: Light,
 * Growth and Professional have two levels (1, 3); Premium and Ultimate four (1, 3, 5, 7). Source: the
 * `visible_to` tables in the v2 spec (persons, organizations) and the role settings in the v1 spec.
 */
function visibilityOptions(asText: boolean): FieldOption[] {
	const value = (level: number) => (asText ? String(level) : level);
	return [
		{ name: 'Entire Company (Premium, Ultimate)', value: value(7), description: 'Everyone in the company; Premium and Ultimate plans' },
		{
			name: 'Entire Company / Owner’s Visibility Group',
			value: value(3),
			description: 'Light, Growth, Professional: the entire company. Premium, Ultimate: the owner’s visibility group.',
		},
		{
			name: 'Owner & Followers / Owner Only',
			value: value(1),
			description: 'Light, Growth, Professional: the owner and followers. Premium, Ultimate: the owner only.',
		},
		{
			name: 'Owner’s Visibility Group and Sub-Groups',
			value: value(5),
			description: 'The owner’s visibility group and its sub-groups; Premium and Ultimate plans',
		},
	];
}

/** Who can see a record; the company's default for that record type when not set. */
export function visibleTo(record: string, asText = false): FieldSurface {
	return {
		displayName: 'Visible To',
		description: `Who can see the ${record}; without a value Pipedrive applies the company’s default visibility for ${record}s`,
		options: visibilityOptions(asText),
		default: asText ? '3' : 3,
	};
}

/** Deal status on create and update (deleting is its own operation). */
export const DEAL_STATUS: FieldSurface = {
	displayName: 'Status',
	options: [
		{ name: 'Lost', value: 'lost' },
		{ name: 'Open', value: 'open' },
		{ name: 'Won', value: 'won' },
	],
	default: 'open',
};

/** Deal status as a filter of lists. */
export const DEAL_STATUS_FILTER: FieldSurface = {
	displayName: 'Status',
	description: 'Only deals with these statuses; without a value every deal that is not deleted',
	options: [
		{ name: 'Deleted (Last 30 Days)', value: 'deleted' },
		{ name: 'Lost', value: 'lost' },
		{ name: 'Open', value: 'open' },
		{ name: 'Won', value: 'won' },
	],
};

const PROJECT_STATUSES: FieldOption[] = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Open', value: 'open' },
];

export const PROJECT_STATUS: FieldSurface = { displayName: 'Status', options: PROJECT_STATUSES, default: 'open' };

/** Project statuses as a filter (comma-separated in the query). */
export const PROJECT_STATUS_FILTER: FieldSurface = {
	displayName: 'Status',
	description: 'Only projects with these statuses; deleted projects only when chosen',
	list: 'string',
	options: [...PROJECT_STATUSES, { name: 'Deleted', value: 'deleted' }],
};

export const DATE: FieldSurface = { format: 'date' };
export const DATE_TIME: FieldSurface = { format: 'date-time' };
/** v1 timestamps: `YYYY-MM-DD HH:MM:SS` in UTC. */
export const TIMESTAMP: FieldSurface = { format: 'timestamp' };
export const TIME: FieldSurface = { format: 'time', placeholder: 'e.g. 14:30' };
export const HIDDEN: FieldSurface = { hidden: true };

export const UPDATED_SINCE: FieldSurface = { displayName: 'Updated Since', format: 'date-time', description: 'Only records changed at or after this time' };
export const UPDATED_UNTIL: FieldSurface = { displayName: 'Updated Until', format: 'date-time', description: 'Only records changed before this time' };

/** A list of record IDs, one per row. */
export function idList(records: string, displayName?: string): FieldSurface {
	return { list: 'integer', ...(displayName ? { displayName } : {}), description: `IDs of the ${records}, one per row` };
}

/** A postal address: plain text (Pipedrive geocodes it) or JSON with its parts. */
export function address(what: string): FieldSurface {
	return {
		description: `The ${what}: the full address as text, or JSON with its parts`,
		placeholder: 'e.g. 10 Main Street, 10115 Berlin, Germany',
		json: { shape: '{"value":"10 Main Street, 10115 Berlin, Germany","country":"Germany","postal_code":"10115"}', requiredKeys: ['value'] },
		textKey: 'value',
	};
}

/** Followers and participants are users or persons picked by ID on the record's sub-resource. */
export const FOLLOWER_ID: FieldSurface = { displayName: 'Follower ID', description: 'The ID of the follower entry (Get Many Followers lists them)' };
