/**
 * Hand-tuned pickers on top of the generated operation catalogue: which parameters are dropdowns filled
 * from Pipedrive, and which records have resource locators. Each operation's name, action and field
 * layout is in surface/<resource>.ts.
 */

/** Resources whose records get a resource locator (From list / By ID / By URL). */
export interface LocatorEntity {
	/** Name of the listSearch method that fills "From list". */
	searchMethod: string;
	displayName: string;
	/** Pattern of a record's URL in the Pipedrive web app; group 1 is the ID. */
	urlPattern: string;
	/** Lead IDs are UUIDs; everything else a positive integer. */
	idPattern: string;
}

const INTEGER_ID = '^[1-9][0-9]*$';
const UUID_ID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const LOCATOR_ENTITIES: Record<string, LocatorEntity> = {
	deal: { searchMethod: 'searchDeals', displayName: 'Deal', urlPattern: '/deal/(\\d+)', idPattern: INTEGER_ID },
	person: { searchMethod: 'searchPersons', displayName: 'Person', urlPattern: '/person/(\\d+)', idPattern: INTEGER_ID },
	organization: {
		searchMethod: 'searchOrganizations',
		displayName: 'Organization',
		urlPattern: '/organization/(\\d+)',
		idPattern: INTEGER_ID,
	},
	product: { searchMethod: 'searchProducts', displayName: 'Product', urlPattern: '/product/(\\d+)', idPattern: INTEGER_ID },
	activity: {
		searchMethod: 'searchActivities',
		displayName: 'Activity',
		urlPattern: '[/?&]activit(?:y|ies)[/=](\\d+)',
		idPattern: INTEGER_ID,
	},
	lead: {
		searchMethod: 'searchLeads',
		displayName: 'Lead',
		urlPattern: '/leads/inbox/([0-9a-fA-F-]{36})',
		idPattern: UUID_ID,
	},
};

/** Body/query parameters that point at a record, and the record they point at. */
export const LOCATOR_PARAMETERS: Record<string, string> = {
	deal_id: 'deal',
	person_id: 'person',
	org_id: 'organization',
	product_id: 'product',
	lead_id: 'lead',
	activity_id: 'activity',
};

/**
 * Where a pipeline can be chosen before a stage: the operation's own field, its collections, a
 * pipeline's path ID (Get Deals in a Pipeline), and the trigger's Filters. The stage picker lists
 * only the chosen pipeline's stages and reloads when any of these changes.
 */
export const STAGE_PIPELINE_PARAMETERS = [
	'pipeline_id',
	'additionalFields.pipeline_id',
	'updateFields.pipeline_id',
	'filters.pipeline_id',
	'options.pipeline_id',
	'pipelineId',
	'filters.pipelineIds',
];

/**
 * Parameters filled from a dropdown that loads every page of real choices. `dependsOn` lists every
 * parameter the loader reads, so the editor reloads the list when one changes.
 */
export const PICKER_PARAMETERS: Record<string, { method: string; dependsOn?: string[] }> = {
	owner_id: { method: 'getUsers' },
	user_id: { method: 'getUsers' },
	creator_user_id: { method: 'getUsers' },
	assignee_id: { method: 'getUsers' },
	pipeline_id: { method: 'getPipelines' },
	stage_id: { method: 'getStages', dependsOn: STAGE_PIPELINE_PARAMETERS },
	filter_id: { method: 'getFilters', dependsOn: ['resource'] },
	currency: { method: 'getCurrencies' },
	// Each resource has its own label set (lead labels, or the deal/person/organization/project label field).
	label_ids: { method: 'getLabels', dependsOn: ['resource'] },
};

/** Lists of contact objects (`[{ value, primary, label }]`) that also accept plain comma-separated text. */
export const CONTACT_LIST_PARAMETERS: Record<string, 'email' | 'phone'> = { emails: 'email', phones: 'phone' };

/** Pickers for parameters whose name means something else elsewhere (`type` of an activity). */
export const RESOURCE_PICKER_PARAMETERS: Record<string, Record<string, { method: string }>> = {
	activity: { type: { method: 'getActivityTypes' } },
};

/** Resources with custom fields, and where their definitions live. */
export const CUSTOM_FIELD_SOURCES: Record<string, { version: 'v1' | 'v2'; path: string }> = {
	deal: { version: 'v2', path: '/dealFields' },
	person: { version: 'v2', path: '/personFields' },
	organization: { version: 'v2', path: '/organizationFields' },
	product: { version: 'v2', path: '/productFields' },
	activity: { version: 'v2', path: '/activityFields' },
	project: { version: 'v2', path: '/projectFields' },
	lead: { version: 'v1', path: '/leadFields' },
	note: { version: 'v1', path: '/noteFields' },
};

/** Operations whose v1 body takes custom fields as top-level hash keys (the spec does not list them). */
export const V1_CUSTOM_FIELD_WRITES = new Set(['addLead', 'updateLead', 'addNote', 'updateNote']);

/** Words with a fixed spelling in display names. */
const SPELLINGS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', api: 'API', uuid: 'UUID', vat: 'VAT', crm: 'CRM', sso: 'SSO', org: 'Organization' };

const displayNames = new Map<string, string>();

/** `owner_id` → `Owner ID`; `addTime` → `Add Time`; `assignee.id` → `Assignee ID`. */
export function displayNameOf(apiName: string): string {
	let name = displayNames.get(apiName);
	if (name === undefined) {
		name = spelledOut(apiName);
		displayNames.set(apiName, name);
	}
	return name;
}

function spelledOut(apiName: string): string {
	return apiName
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[_\s.-]+/)
		.filter(Boolean)
		.map((word) => SPELLINGS[word.toLowerCase()] ?? word[0].toUpperCase() + word.slice(1))
		.join(' ');
}
