import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fieldDefinitions } from '../customFields';
import type { PipedriveRequest } from '../transport/request';
import { pipedriveRequestPages } from '../transport/request';

/** Loads every page of a list and turns each record into a dropdown choice, sorted by name. */
async function choices(
	ctx: ILoadOptionsFunctions,
	request: Omit<PipedriveRequest, 'method'>,
	toChoice: (record: IDataObject) => INodePropertyOptions | undefined,
	paging?: 'cursor' | 'offset',
): Promise<INodePropertyOptions[]> {
	const out: INodePropertyOptions[] = [];
	const collect = (records: unknown[]) => {
		for (const record of records as IDataObject[]) {
			const choice = toChoice(record);
			if (choice) out.push(choice);
		}
	};
	await pipedriveRequestPages(ctx, { method: 'GET', ...request }, paging ?? (request.version === 'v2' ? 'cursor' : 'offset'), {
		onRecords: collect,
	});
	return out.sort((a, b) => a.name.localeCompare(b.name));
}

function named(nameKey: string, valueKey = 'id', describe?: (r: IDataObject) => string | undefined) {
	return (record: IDataObject): INodePropertyOptions | undefined =>
		record[valueKey] === undefined
			? undefined
			: {
					name: String(record[nameKey] ?? record[valueKey]),
					value: record[valueKey] as string | number,
					description: describe?.(record),
				};
}

/** The pipeline chosen elsewhere on the node (top level, in Additional Fields or in Filters). */
function chosenPipeline(ctx: ILoadOptionsFunctions): unknown {
	for (const path of ['pipeline_id', 'additionalFields.pipeline_id', 'updateFields.pipeline_id', 'filters.pipeline_id']) {
		const value = ctx.getCurrentNodeParameter(path);
		if (value !== undefined && value !== '' && value !== 0) return value;
	}
	return undefined;
}

export const loadOptions = {
	async getUsers(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/users' }, named('name', 'id', (r) => r.email as string));
	},
	async getPipelines(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v2', path: '/pipelines' }, named('name'));
	},
	async getStages(this: ILoadOptionsFunctions) {
		const pipeline = chosenPipeline(this);
		const qs = pipeline === undefined ? {} : { pipeline_id: pipeline as number };
		return await choices(this, { version: 'v2', path: '/stages', qs }, (r) => ({
			name: pipeline === undefined ? `${r.name} (pipeline ${r.pipeline_id})` : String(r.name),
			value: r.id as number,
		}));
	},
	async getActivityTypes(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/activityTypes' }, named('name', 'key_string'));
	},
	async getFilters(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/filters' }, named('name', 'id', (r) => `${r.type} filter`));
	},
	async getLeadLabels(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/leadLabels' }, named('name'));
	},
	async getLeadSources(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/leadSources' }, named('name', 'name'));
	},
	async getCurrencies(this: ILoadOptionsFunctions) {
		return await choices(this, { version: 'v1', path: '/currencies' }, named('name', 'code', (r) => r.code as string));
	},
	/** Custom fields of the selected resource, by name; the value is the API key. */
	async getCustomFields(this: ILoadOptionsFunctions) {
		const resource = (this.getCurrentNodeParameter('resource') ?? this.getNodeParameter('resource', '')) as string;
		const fields = await fieldDefinitions(this, resource);
		return fields
			.filter((f) => f.isCustom)
			.map((f) => ({ name: f.name, value: f.key, description: f.type }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
