import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { FieldDefinition } from '../customFields';
import { fieldDefinitions, findField, LABEL_FIELD_CODES, typeName } from '../customFields';
import type { ListRequest } from '../lists';
import { readAll } from '../lists';
import { STAGE_PIPELINE_PARAMETERS } from '../overlays';

/** Case-insensitive, without ICU collation (slow, and names here are short). */
function alphabetical(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Every record of a list as dropdown choices, sorted by name. */
async function choices(
	ctx: ILoadOptionsFunctions,
	request: ListRequest,
	toChoice: (record: IDataObject) => INodePropertyOptions | undefined,
): Promise<INodePropertyOptions[]> {
	const out: INodePropertyOptions[] = [];
	for (const record of await readAll(ctx, request)) {
		const choice = toChoice(record);
		if (choice) out.push(choice);
	}
	return out.sort((a, b) => alphabetical(a.name, b.name));
}

function named(nameKey: string, valueKey = 'id', describe?: (r: IDataObject) => string | undefined) {
	return (record: IDataObject): INodePropertyOptions | undefined => {
		if (record[valueKey] === undefined || record[valueKey] === null) return undefined;
		const choice: INodePropertyOptions = { name: String(record[nameKey] ?? record[valueKey]), value: record[valueKey] as string | number };
		const description = describe?.(record);
		if (description) choice.description = description;
		return choice;
	};
}

/** Inactive types, currencies… stay valid on old records but are not offered for new ones. */
function active(toChoice: (record: IDataObject) => INodePropertyOptions | undefined) {
	return (record: IDataObject) => (record.active_flag === false ? undefined : toChoice(record));
}

function currentResource(ctx: ILoadOptionsFunctions): string {
	return String(ctx.getCurrentNodeParameter('resource') ?? ctx.getNodeParameter('resource', '') ?? '');
}

/**
 * The pipelines chosen elsewhere on the node, wherever the operation (or the trigger) offers them.
 * Expressions cannot be resolved here, so they do not narrow the list.
 */
function chosenPipelines(ctx: ILoadOptionsFunctions): number[] {
	for (const path of STAGE_PIPELINE_PARAMETERS) {
		const value = ctx.getCurrentNodeParameter(path);
		const ids = (Array.isArray(value) ? value : [value]).map(Number).filter((id) => Number.isInteger(id) && id > 0);
		if (ids.length) return ids;
	}
	return [];
}

/** `GET /v1/filters` takes one `type`; each resource's Filter picker lists only its own filters. */
const FILTER_TYPES: Record<string, string> = {
	deal: 'deals',
	lead: 'leads',
	organization: 'org',
	person: 'people',
	product: 'products',
	activity: 'activity',
	project: 'projects',
	pipeline: 'deals',
	stage: 'deals',
};

function byOrder(a: IDataObject, b: IDataObject): number {
	return Number(a.order_nr ?? 0) - Number(b.order_nr ?? 0) || alphabetical(String(a.name ?? ''), String(b.name ?? ''));
}

function fieldChoices(fields: FieldDefinition[], include: (field: FieldDefinition) => boolean): INodePropertyOptions[] {
	return fields
		.filter((f) => f.isCustom && include(f))
		.map((f) => ({ name: f.name, value: f.key, description: typeName(f.type) }))
		.sort((a, b) => alphabetical(a.name, b.name));
}

/** Custom fields of the selected resource whose type passes `include`, by name; the value is the API key. */
function customFieldsWhere(include: (field: FieldDefinition) => boolean) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return fieldChoices(await fieldDefinitions(this, currentResource(this)), include);
	};
}

/** The user's saved filters of one Pipedrive filter type (`deals`, `people` …), or of every type. */
export async function savedFilters(ctx: ILoadOptionsFunctions, type: string | undefined): Promise<INodePropertyOptions[]> {
	return await choices(ctx, { version: 'v1', path: '/filters', qs: type ? { type } : {} }, named('name'));
}

export const loadOptions = {
	async getUsers(this: ILoadOptionsFunctions) {
		return await choices(
			this,
			{ version: 'v1', path: '/users' },
			named('name', 'id', (r) => (r.active_flag === false ? `${r.email ?? ''} (deactivated)`.trim() : (r.email as string))),
		);
	},
	async getPipelines(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v2', path: '/pipelines' }, named('name'));
	},
	/** "Pipeline › Stage", pipelines and their stages in Pipedrive's order; one pipeline's stages when one is chosen. */
	async getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const chosen = chosenPipelines(this);
		const [pipelines, stages] = await Promise.all([
			readAll(this, { version: 'v2', path: '/pipelines' }),
			readAll(this, { version: 'v2', path: '/stages', qs: chosen.length === 1 ? { pipeline_id: chosen[0] } : {} }),
		]);
		const out: INodePropertyOptions[] = [];
		const shown = (r: IDataObject) => r.is_deleted !== true && (!chosen.length || chosen.includes(Number(r.id)));
		const live = (r: IDataObject) => r.is_deleted !== true;
		for (const p of pipelines.filter(shown).sort(byOrder)) {
			for (const stage of stages.filter((s) => live(s) && s.pipeline_id === p.id).sort(byOrder)) {
				out.push({ name: `${p.name} › ${stage.name}`, value: stage.id as number });
			}
		}
		return out;
	},
	async getActivityTypes(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/activityTypes' }, active(named('name', 'key_string')));
	},
	async getFilters(this: ILoadOptionsFunctions) {
		return await savedFilters(this, FILTER_TYPES[currentResource(this)]);
	},
	/** The selected resource's own labels: lead labels, or the options of the deal/person/org/project label field. */
	async getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const resource = currentResource(this);
		if (resource === 'lead') return await choices(this, { version: 'v1', path: '/leadLabels' }, named('name'));
		const fields = await fieldDefinitions(this, resource);
		const field = LABEL_FIELD_CODES.map((code) => fields.find((f) => f.key === code)).find((f) => f?.options);
		return (field?.options ?? []).map((o) => ({ name: o.label, value: o.id }));
	},
	async getCurrencies(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/currencies' }, active(named('name', 'code', (r) => r.code as string)));
	},
	getCustomFields: customFieldsWhere(() => true),
	getSingleOptionFields: customFieldsWhere((f) => f.type === 'enum'),
	getMultipleOptionFields: customFieldsWhere((f) => f.type === 'set'),
	getDateFields: customFieldsWhere((f) => f.type === 'date'),
	/** The options of the custom field chosen in the same Custom Fields entry. */
	async getCustomFieldOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const key = this.getCurrentNodeParameter('&key');
		if (typeof key !== 'string' || !key || key.startsWith('=')) return [];
		const field = findField(await fieldDefinitions(this, currentResource(this)), key);
		return (field?.options ?? []).map((o) => ({ name: o.label, value: o.id }));
	},
};
