import type { INodeProperties } from 'n8n-workflow';

import { apiRequestProperties } from '../apiRequest';
import { operations } from '../catalogue';
import { authenticationProperty } from '../shared';
import type { OperationDefinition } from '../types';
import { buildOperationProperties, subtitleExpression } from './description';
import { fieldPathOf } from './operations';

/** Read by n8n's routing engine (timeout) and by the executor (concurrency). */
const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 8,
			description:
				'How many requests of this credential may be in flight at once. Pipedrive allows 20–480 requests per 2 seconds depending on plan; the node also slows down when Pipedrive says the window is nearly spent.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120000,
			description: 'Time in ms to wait for each response. Reads that time out are retried; writes are not, so nothing is written twice.',
		},
	],
};

/** The parts of the action node's description built from the catalogue and its surface. */
export interface GeneratedDescription {
	subtitle: string;
	properties: INodeProperties[];
}

/** What users see: generated once by `npm run generate` into generated/description.json. */
export function buildDescription(ops: OperationDefinition[] = operations): GeneratedDescription {
	return {
		subtitle: subtitleExpression(ops),
		properties: [authenticationProperty, ...buildOperationProperties(ops), ...apiRequestProperties, requestOptions],
	};
}

/**
 * What the executor needs to run each operation (generated/operations.json): the surfaced definitions
 * without the prose, which only the description shows, and where each value is filled in (`field`).
 */
export function buildOperationTable(ops: OperationDefinition[] = operations): OperationDefinition[] {
	return ops.map((op) => {
		const runtime: OperationDefinition = { ...op, params: op.params.map((param) => ({ ...param, field: fieldPathOf(op, param) })) };
		delete runtime.summary;
		delete runtime.description;
		for (const param of runtime.params) {
			delete param.description;
			if (!param.field) delete param.field;
		}
		return runtime;
	});
}
