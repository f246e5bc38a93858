// @ts-check
'use strict';

/**
 * A synthetic declarative node for the description-structure experiment (bench/scenarios/structure.js):
 * what n8n's RoutingNode costs per item as a function of the description's shape alone, with no
 * request and no node code in the way.
 *
 *   topLevel       top-level properties (resource, operation, the shown Title, the rest hidden fillers,
 *                  each shown for one operation, like one operation's field in a large node)
 *   options        entries of the shown "Additional Fields" collection (one of them set)
 *   showValues     operations each hidden filler's displayOptions.show lists (a merged field shared by
 *                  many operations lists them all)
 *   otherResource  the fillers belong to another resource, named first in their displayOptions.show
 *                  (n8n checks the keys in order and stops at the first that does not match)
 *   executorReads  the shown fields carry no `routing`: the pagination hook reads them itself with
 *                  getNodeParameter (as an executor that builds the body from its catalogue would)
 *
 * Every operation pages through `requestOperations.pagination` (as our node does): the hook records
 * the item and returns one output item once every item of the run has reached it, so at that moment
 * all items are pending at once, as with real requests behind a rate limiter.
 */

/**
 * @param {{ topLevel: number, options: number, showValues: number, otherResource?: boolean, executorReads?: boolean }} shape
 * @param {{ onPending: (count: number) => void }} hooks called each time an item reaches the hook
 */
function syntheticNodeType(shape, hooks) {
	const operations = Array.from({ length: shape.showValues + 1 }, (_, i) => `op${i}`);
	/** @type {Array<() => void>} */
	let waiting = [];
	let expected = Infinity;
	let pending = 0;

	/** @this {any} */
	async function pagination() {
		if (shape.executorReads) {
			this.getNodeParameter('title', '');
			this.getNodeParameter('additionalFields', {});
		}
		pending++;
		hooks.onPending(pending);
		if (pending >= expected) {
			for (const release of waiting) release();
			waiting = [];
		} else {
			await new Promise((resolve) => waiting.push(() => resolve(undefined)));
		}
		return [{ json: { ok: true } }];
	}

	const fillers = Math.max(shape.topLevel - 4, 0);
	/** @type {any[]} */
	const properties = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Thing', value: 'thing' },
				{ name: 'Other', value: 'other' },
			],
			default: 'thing',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['thing'] } },
			options: operations.map((value) => ({ name: value, value, routing: { request: { method: 'POST', url: `/things/${value}` }, send: { paginate: true } } })),
			default: 'op0',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			displayOptions: { show: { resource: ['thing'], operation: ['op0'] } },
			...(shape.executorReads ? {} : { routing: { send: { type: 'body', property: 'title' } } }),
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			default: {},
			displayOptions: { show: { resource: ['thing'], operation: ['op0'] } },
			options: Array.from({ length: shape.options }, (_, i) => ({
				displayName: `Option ${i}`,
				name: `option${i}`,
				type: 'string',
				default: '',
				...(shape.executorReads ? {} : { routing: { send: { type: 'body', property: `option${i}` } } }),
			})),
		},
	];
	for (let i = 0; i < fillers; i++) {
		// Hidden for op0 (the operation run): each lists the `showValues` other operations.
		const shownFor = operations.slice(1);
		properties.push({
			displayName: `Field ${i}`,
			name: `field${i}`,
			type: 'string',
			default: '',
			displayOptions: { show: { resource: [shape.otherResource ? 'other' : 'thing'], operation: shownFor } },
			routing: { send: { type: 'body', property: `field${i}` } },
		});
	}
	const nodeType = {
		description: {
			displayName: 'Synthetic',
			name: 'synthetic',
			group: ['transform'],
			version: 1,
			description: 'bench only',
			defaults: { name: 'Synthetic' },
			inputs: ['main'],
			outputs: ['main'],
			requestDefaults: { baseURL: 'http://127.0.0.1:9', headers: { Accept: 'application/json' } },
			requestOperations: { pagination },
			properties,
		},
	};
	return {
		nodeType,
		/** @param {number} count items of the next run */
		expect(count) {
			expected = count;
			pending = 0;
		},
	};
}

module.exports = { syntheticNodeType };
