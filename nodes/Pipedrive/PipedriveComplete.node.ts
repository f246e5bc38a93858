import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperation } from './execute';
import generated from './generated/description.json';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { pipedriveCredentials } from './shared';

export class PipedriveComplete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pipedrive Complete',
		name: 'pipedriveComplete',
		icon: { light: 'file:../../icons/pipedrive.svg', dark: 'file:../../icons/pipedrive.dark.svg' },
		group: ['transform'],
		version: 1,
		// The subtitle and properties are built ahead of time from the catalogue and its surface
		// (npm run generate → generated/description.json): nothing is derived when n8n loads the node.
		subtitle: generated.subtitle,
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
		properties: generated.properties as unknown as INodeProperties[],
	};

	methods = { loadOptions, listSearch };
}
