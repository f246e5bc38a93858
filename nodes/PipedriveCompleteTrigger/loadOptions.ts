import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { PagingStyle } from '../Pipedrive/transport/request';
import { pipedriveRequestPages } from '../Pipedrive/transport/request';
import type { ApiVersion } from '../Pipedrive/types';

async function namedRecords(
	ctx: ILoadOptionsFunctions,
	version: ApiVersion,
	path: string,
	paging: PagingStyle,
	label: (record: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	await pipedriveRequestPages(ctx, { method: 'GET', version, path }, paging, {
		onRecords: (records) => {
			for (const record of records as IDataObject[]) {
				options.push({ name: label(record), value: record.id as number });
			}
		},
	});
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedRecords(this, 'v1', '/users', 'offset', (user) =>
		user.email ? `${String(user.name)} (${String(user.email)})` : String(user.name),
	);
}

export async function getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedRecords(this, 'v2', '/pipelines', 'cursor', (pipeline) => String(pipeline.name));
}

export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await namedRecords(this, 'v2', '/stages', 'cursor', (stage) => `${String(stage.name)} (pipeline ${String(stage.pipeline_id)})`);
}
