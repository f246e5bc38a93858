/** Field surfaces that several resources share: one definition each, used by the per-resource files. */
import type { OperationDefinition, ParameterDefinition } from '../types';
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

/** How often a product is billed (Growth plan and above). */
export const BILLING_FREQUENCY: FieldSurface = {
	description: 'How often the product is billed; Growth plan and above',
	options: [
		{ name: 'Annually', value: 'annually' },
		{ name: 'Monthly', value: 'monthly' },
		{ name: 'One-Time', value: 'one-time' },
		{ name: 'Quarterly', value: 'quarterly' },
		{ name: 'Semi-Annually', value: 'semi-annually' },
		{ name: 'Weekly', value: 'weekly' },
	],
	default: 'one-time',
};

export const BILLING_CYCLES: FieldSurface = { description: 'How many times the billing repeats; not for one-time billing' };

export const DATE: FieldSurface = { format: 'date' };
export const DATE_TIME: FieldSurface = { format: 'date-time' };
/** v1 timestamps: `YYYY-MM-DD HH:MM:SS` in UTC. */
export const TIMESTAMP: FieldSurface = { format: 'timestamp' };
export const TIME: FieldSurface = { format: 'time', placeholder: 'e.g. 14:30' };
export const HIDDEN: FieldSurface = { hidden: true };

export const UPDATED_SINCE: FieldSurface = {
	displayName: 'Updated Since',
	format: 'date-time',
	description: 'Only records changed at or after this time',
};
export const UPDATED_UNTIL: FieldSurface = {
	displayName: 'Updated Until',
	format: 'date-time',
	description: 'Only records changed before this time',
};

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
export const FOLLOWER_ID: FieldSurface = {
	displayName: 'Follower ID',
	description: 'The ID of the follower entry (Get Many Followers lists them)',
};

const RECORD_NAMES: Record<string, string> = {
	deal: 'deal',
	person: 'person',
	organization: 'organization',
	product: 'product',
	lead: 'lead',
};

/** The JSON shapes Pipedrive documents for structured fields, and the keys it needs in them. */
const JSON_SHAPES: Record<string, FieldSurface['json']> = {
	attendees: { shape: '[{"email":"ann@example.com","name":"Ann Smith"}]', requiredKeys: ['email'] },
	participants: { shape: '[{"person_id":42,"primary":true}]', requiredKeys: ['person_id'] },
	im: { shape: '[{"value":"ann.smith","primary":true,"label":"skype"}]', requiredKeys: ['value'] },
	prices: { shape: '[{"currency":"EUR","price":100,"cost":60}]', requiredKeys: ['currency', 'price'] },
	data: { shape: '[{"product_id":42,"item_price":100,"quantity":1}]', requiredKeys: ['product_id', 'item_price', 'quantity'] },
	options: { shape: '[{"label":"Gold"},{"label":"Silver"}]', requiredKeys: ['label'] },
	access: { shape: '[{"app":"sales","admin":false}]', requiredKeys: ['app'] },
	value: { shape: '{"amount":200,"currency":"EUR"}', requiredKeys: ['amount', 'currency'] },
	visible_pipeline_ids: { shape: '{"add":[1,2],"remove":[3]}' },
	conditions: {
		shape:
			'{"glue":"and","conditions":[{"glue":"and","conditions":[{"object":"deal","field_id":"12","operator":"=","value":"open"}]},{"glue":"or","conditions":[]}]}',
		requiredKeys: ['glue', 'conditions'],
	},
	assignee: { shape: '{"id":42,"type":"person"}', requiredKeys: ['id', 'type'] },
	expected_outcome: { shape: '{"target":50,"tracking_metric":"quantity"}', requiredKeys: ['target', 'tracking_metric'] },
	ui_visibility: { shape: '{"add_visible_flag":true,"details_visible_flag":true}' },
	important_fields: { shape: '{"enabled":true,"stage_ids":[1,2]}' },
	required_fields: { shape: '{"enabled":true,"stage_ids":[1,2]}' },
};

/** Field-option bulk operations: what each entry of the JSON array needs. */
const OPTION_ITEMS: Record<string, FieldSurface['json']> = {
	add: { shape: '[{"label":"Gold"},{"label":"Silver"}]', requiredKeys: ['label'] },
	update: { shape: '[{"id":1,"label":"Gold"}]', requiredKeys: ['id', 'label'] },
	delete: { shape: '[{"id":1}]', requiredKeys: ['id'] },
};

/** Toggles whose spec text does not say what "on" means. */
const TOGGLES: Record<string, string> = {
	exact_match: 'Whether only exact matches of the search term are returned',
	include_labels: 'Whether labels are included as objects with their ID, name and color',
	include_option_labels: 'Whether option custom fields return their labels along with the option IDs',
	search_for_related_items: 'Whether to include up to 100 related leads, deals and persons for each person and organization found',
	search_by_email: 'Whether to match the term against email addresses only',
	include_field_code: 'Whether each condition in the response names its field by code',
	template_support: 'Whether the channel supports message templates',
	was_seen: 'Whether someone has seen the lead in Pipedrive',
	everyone: 'Whether to return the deals of every owner, ignoring Filter and User',
	skip_users: 'Whether to leave out the IDs of member users',
	exclude_deals: 'Whether to leave out the list of deals and return only the totals',
};

/** Custom field types, named as Pipedrive's web app names them. */
const FIELD_TYPE: FieldSurface = {
	displayName: 'Field Type',
	options: [
		{ name: 'Address', value: 'address' },
		{ name: 'Autocomplete', value: 'varchar_auto' },
		{ name: 'Date', value: 'date' },
		{ name: 'Date Range', value: 'daterange' },
		{ name: 'Large Text', value: 'text' },
		{ name: 'Monetary', value: 'monetary' },
		{ name: 'Multiple Options', value: 'set' },
		{ name: 'Numerical', value: 'double' },
		{ name: 'Organization', value: 'org' },
		{ name: 'Person', value: 'people' },
		{ name: 'Phone', value: 'phone' },
		{ name: 'Single Option', value: 'enum' },
		{ name: 'Text', value: 'varchar' },
		{ name: 'Time', value: 'time' },
		{ name: 'Time Range', value: 'timerange' },
		{ name: 'User', value: 'user' },
	],
	default: 'varchar',
};

/** What repeats across operations, by parameter name. An operation's own entry in surface/<resource>.ts wins. */
export function commonFieldSurface(op: OperationDefinition, param: ParameterDefinition): FieldSurface | undefined {
	const name = param.name;
	const reading = op.method === 'GET';
	if (TOGGLES[name]) return { description: TOGGLES[name] };
	if (name === 'include_fields') return { displayName: 'Include Fields', description: 'Additional fields to include in the response' };
	if (name === 'sort' && param.type === 'string')
		return { description: 'Fields to sort by, each with ASC or DESC', placeholder: 'e.g. update_time DESC' };
	if (name === 'color' && param.type === 'string' && !param.enum) return { format: 'color', description: 'The color of the icon' };
	const pinned = /^pinned_to_(\w+)_flag$/.exec(name);
	if (pinned) {
		const record = pinned[1] === 'organization' ? 'organization' : pinned[1];
		return reading
			? { description: `Whether to return only notes pinned to the ${record} (on) or only notes not pinned to it (off)` }
			: { description: `Whether the note is pinned to the ${record} (the ${record} must be set too)` };
	}
	if (name === 'done' && reading) return { description: 'Whether to return only done activities (on) or only open ones (off)' };
	if (name === 'visible_to' && RECORD_NAMES[op.resource]) return visibleTo(RECORD_NAMES[op.resource], op.resource === 'lead');
	if (name === 'updated_since') return UPDATED_SINCE;
	if (name === 'updated_until') return UPDATED_UNTIL;
	if (name === 'since_timestamp') return { ...TIMESTAMP, displayName: 'Since', description: 'Only changes made at or after this time' };
	if (name === 'add_time' && !reading) return HIDDEN;
	if (name === 'ids' && param.in === 'query') {
		return {
			list: 'integer',
			displayName: 'IDs',
			description: reading ? 'Only the records with these IDs (up to 100)' : 'The IDs of what to delete',
		};
	}
	if (name === 'custom_fields' && param.in === 'query') {
		return {
			list: 'string',
			displayName: 'Custom Fields',
			description: 'Keys of the custom fields to include (up to 15); without a value, all custom fields',
		};
	}
	if (name === 'items' && param.type === 'array' && op.id.endsWith('FieldOptions')) {
		return { json: OPTION_ITEMS[/^add/.test(op.id) ? 'add' : /^update/.test(op.id) ? 'update' : 'delete'], displayName: 'Options' };
	}
	if ((name === 'address' || name === 'postal_address' || name === 'location') && param.type === 'object') {
		return address(name === 'location' ? 'location' : name === 'postal_address' ? 'postal address' : 'address');
	}
	if (name === 'merge_with_id')
		return { displayName: 'Merge With ID', description: `The ID of the ${RECORD_NAMES[op.resource]} that remains after the merge` };
	if (name === 'all_changes') return { description: 'Whether to include custom field updates (1 to include)', placeholder: 'e.g. 1' };
	if (name === 'items' && param.in === 'query' && op.id.endsWith('Updates')) {
		return { description: 'Only updates of these item types, comma-separated', placeholder: `e.g. activity,note,${op.resource}Change` };
	}
	if (name === 'field_type') return FIELD_TYPE;
	if (name === 'field_name') return { displayName: 'Field Name', description: 'The name of the field as shown in Pipedrive' };
	if (name === 'field_code')
		return { displayName: 'Field Code', description: 'The key of the field (Get Many lists the fields with their codes)' };
	if (JSON_SHAPES[name] && (param.type === 'object' || param.type === 'array')) return { json: JSON_SHAPES[name] };
	return undefined;
}
