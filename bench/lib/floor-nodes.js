// @ts-check
'use strict';

/**
 * The least a node can do in n8n for scenario 1's write: create one deal per item (Title from the
 * `={{ $json.title }}` expression, person 1) through n8n's request helper with our API-token credential,
 * nothing else. They show what any node pays on an engine before its own code runs:
 *
 *   floorDeclarative  three properties (resource, operation, Title) and `routing`: n8n's RoutingNode
 *                     builds and sends each item's request, as in every declarative node
 *   floorProgrammatic `execute()` reads Title per item and awaits `httpRequestWithAuthentication`, one
 *                     request after another, as the built-in node does
 *
 * Both go through `httpRequestWithAuthentication`, which n8n's community-node verification requires.
 */

const CREDENTIALS = [{ name: 'pipedriveCompleteApi', required: true }];
const BASE_URL = 'https://api.pipedrive.com';

/** @param {string} name @param {string} displayName @param {object} rest */
const describe = (name, displayName, rest) => ({
	name,
	displayName,
	defaults: { name: displayName },
	group: ['transform'],
	version: 1,
	description: 'bench only',
	inputs: ['main'],
	outputs: ['main'],
	credentials: CREDENTIALS,
	...rest,
});

const title = { displayName: 'Title', name: 'title', type: 'string', default: '' };

const floorDeclarative = {
	description: describe('floorDeclarative', 'Floor (declarative)', {
		requestDefaults: { baseURL: BASE_URL, headers: { Accept: 'application/json' } },
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options: [{ name: 'Deal', value: 'deal' }], default: 'deal' },
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create',
						value: 'create',
						routing: {
							request: { method: 'POST', url: '/api/v2/deals', body: { person_id: 1 } },
							output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
						},
					},
				],
				default: 'create',
			},
			{ ...title, routing: { send: { type: 'body', property: 'title' } } },
		],
	}),
};

const floorProgrammatic = {
	description: describe('floorProgrammatic', 'Floor (programmatic)', { properties: [title] }),
	/** @this {any} */
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const response = await this.helpers.httpRequestWithAuthentication.call(this, 'pipedriveCompleteApi', {
				method: 'POST',
				url: `${BASE_URL}/api/v2/deals`,
				body: { title: this.getNodeParameter('title', i), person_id: 1 },
				json: true,
			});
			out.push({ json: response.data, pairedItem: { item: i } });
		}
		return [out];
	},
};

module.exports = { floorDeclarative, floorProgrammatic };
