import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiRequestProperties } from './apiRequest';
import { buildOperationProperties, subtitleExpression } from './builders/description';
import { operations } from './catalogue';
import { executeOperation } from './execute';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { authenticationProperty, pipedriveCredentials } from './shared';

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

export class PipedriveComplete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pipedrive Complete',
		name: 'pipedriveComplete',
		icon: { light: 'file:../../icons/pipedrive.svg', dark: 'file:../../icons/pipedrive.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(operations),
		description: 'Every documented Pipedrive API action: deals, persons, organizations, leads, activities, products, projects and more',
		defaults: { name: 'Pipedrive Complete' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: pipedriveCredentials,
		// The base URL (company domain or OAuth api_domain) is resolved once per request by the transport,
		// not as an expression here: n8n would evaluate it for every item.
		requestDefaults: {
			baseURL: 'https://api.pipedrive.com',
			headers: { Accept: 'application/json' },
		},
		// Every operation enables pagination, so every request goes through this one executor.
		requestOperations: { pagination: executeOperation },
		properties: [authenticationProperty, ...buildOperationProperties(operations), ...apiRequestProperties, requestOptions],
	};

	methods = { loadOptions, listSearch };
}
