/**
 * Every dropdown and record picker of the node, called the way the editor calls them (n8n-core's
 * LoadOptionsContext) against the spec-validating fake Pipedrive: each lists real choices and sends
 * only what its endpoint documents. The methods and where they are used come from the node itself,
 * so a new picker cannot be left out.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { findOperation, operations } from '../../../nodes/Pipedrive/catalogue';
import { readAll } from '../../../nodes/Pipedrive/lists';
import { STAGE_PIPELINE_PARAMETERS } from '../../../nodes/Pipedrive/overlays';
import { PipedriveComplete } from '../../../nodes/Pipedrive/PipedriveComplete.node';
import { apiTokenCredentials } from '../../harness/credentials';
import type { FakePipedrive } from '../../harness/fake';
import { runAgainst, startFake } from '../../harness/fake';
import { blockRealNetwork } from '../../harness/mock';
import { engineWith, loadOptionsContext } from '../../harness/run';
import { testWorkflow, trigger } from '../../harness/trigger';

type Loader = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
type Searcher = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;

const node = new PipedriveComplete();
const loaders = node.methods.loadOptions as unknown as Record<string, Loader>;
const searchers = node.methods.listSearch as unknown as Record<string, Searcher>;

/** One place a picker is used: the property, its path below `parameters`, and the operations showing it. */
interface PickerUse {
	method: string;
	kind: 'loadOptions' | 'listSearch';
	path: string[];
	dependsOn: string[];
	operations: string[];
	/** For pickers inside a fixedCollection entry: the entry's properties (for `&sibling` dependencies). */
	siblings?: INodeProperties[];
}

function shownFor(property: INodeProperties, inherited: string[] | undefined): string[] | undefined {
	const show = property.displayOptions?.show ?? {};
	const own = (show.operation ?? show['/operation']) as string[] | undefined;
	if (!own) return inherited;
	return inherited ? own.filter((op) => inherited.includes(op)) : own;
}

/** Every loadOptions / listSearch use in the built description, nested collections included. */
function pickerUses(properties: INodeProperties[], path: string[] = [], inherited?: string[], siblings?: INodeProperties[]): PickerUse[] {
	const uses: PickerUse[] = [];
	for (const property of properties) {
		const ops = shownFor(property, inherited);
		const here = [...path, property.name];
		const typeOptions = property.typeOptions ?? {};
		if (typeOptions.loadOptionsMethod) {
			uses.push({ method: typeOptions.loadOptionsMethod, kind: 'loadOptions', path: here, dependsOn: typeOptions.loadOptionsDependsOn ?? [], operations: ops ?? [], siblings });
		}
		for (const mode of property.modes ?? []) {
			const method = mode.typeOptions?.searchListMethod;
			if (method) uses.push({ method, kind: 'listSearch', path: here, dependsOn: [], operations: ops ?? [], siblings });
		}
		for (const option of (property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>) {
			if (option.values) uses.push(...pickerUses(option.values, [...here, option.name], ops, option.values));
			else if ('type' in option) uses.push(...pickerUses([option], here, ops));
		}
	}
	return uses;
}

const uses = pickerUses(node.description.properties);

/** The node parameters (and the LoadOptionsContext path) to call a use's method for one operation. */
function callSite(use: PickerUse, operation: string, sibling?: { name: string; value: unknown }): { parameters: INodeParameters; path: string } {
	const op = findOperation(findResource(operation), operation)!;
	const parameters: INodeParameters = { resource: op.resource, operation };
	const [first, group] = use.path;
	if (use.siblings && group) {
		// A fixedCollection entry: parameters.<collection>.<group>[0].<value>
		parameters[first] = { [group]: [sibling ? { [sibling.name]: sibling.value } : {}] } as never;
		return { parameters, path: `parameters.${first}.${group}[0].${use.path[2]}` };
	}
	return { parameters, path: `parameters.${use.path.join('.')}` };
}

function findResource(operation: string): string {
	return operations.find((op) => op.id === operation)!.resource;
}

/**
 * One call per dropdown method and resource (a loader behaves the same for every operation of a
 * resource), and one per record picker method (it does not depend on the resource at all).
 */
function perResource(kind: PickerUse['kind']): Array<{ use: PickerUse; operation: string; resource: string }> {
	const seen = new Set<string>();
	const out: Array<{ use: PickerUse; operation: string; resource: string }> = [];
	for (const use of uses.filter((u) => u.kind === kind)) {
		for (const operation of use.operations) {
			const resource = findResource(operation);
			const key = kind === 'listSearch' ? use.method : `${use.method}|${resource}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push({ use, operation, resource });
		}
	}
	return out;
}

let fake: FakePipedrive;

/** Realistic records and custom fields of each kind for every resource that has custom fields. */
function seedRecords(): void {
	fake.seed('deals', [{ title: 'Acme rollout' }, { title: 'Beta expansion' }]);
	fake.seed('persons', [{ name: 'Ann Acme' }, { name: 'Bob Beta' }]);
	fake.seed('organizations', [{ name: 'Acme Inc' }, { name: 'Beta LLC' }]);
	fake.seed('products', [{ name: 'Acme widget' }, { name: 'Beta gadget' }]);
	fake.seed('leads', [{ title: 'Acme lead' }, { title: 'Beta lead' }]);
	fake.seed('activities', [{ subject: 'Acme call' }, { subject: 'Beta meeting' }]);
	for (const collection of ['personFields', 'organizationFields', 'productFields', 'activityFields', 'projectFields', 'noteFields']) {
		fake.seed(collection, [
			{ name: 'Segment', field_type: 'enum', options: ['SMB', 'Enterprise'] },
			{ name: 'Interests', field_type: 'set', options: ['Support', 'Training'] },
			{ name: 'Renewal date', field_type: 'date' },
		]);
	}
	fake.seed('dealFields', [{ name: 'Go-live date', field_type: 'date' }]);
}

beforeAll(async () => {
	blockRealNetwork();
	fake = await startFake();
	seedRecords();
});
afterAll(async () => await fake.close());
beforeEach(() => {
	fake.violations.length = 0;
	fake.requests.length = 0;
});

function contextFor(parameters: INodeParameters, path?: string) {
	return loadOptionsContext({ parameters, credentials: apiTokenCredentials(fake.url) }, path);
}

describe('every picker method', () => {
	test('the node defines exactly the methods its description uses, and the trigger reuses them', () => {
		const used = (kind: PickerUse['kind']) => [...new Set(uses.filter((u) => u.kind === kind).map((u) => u.method))].sort();
		expect(used('loadOptions')).toEqual(Object.keys(loaders).sort());
		expect(used('listSearch')).toEqual(Object.keys(searchers).sort());
		for (const [name, method] of Object.entries(trigger.methods.loadOptions)) expect(method).toBe(loaders[name]);
	});

	test.each(perResource('loadOptions').map((c) => [`${c.use.method} (${c.resource}, ${c.use.path.join('.')})`, c] as const))(
		'%s lists real choices with spec-conformant requests',
		async (_label, { use, operation }) => {
			let sibling: { name: string; value: unknown } | undefined;
			for (const dependency of use.dependsOn.filter((d) => d.startsWith('&'))) {
				// Depends on a sibling in the same entry (the custom field): pick its first choice, as a user would.
				const name = dependency.slice(1);
				const property = use.siblings!.find((p) => p.name === name)!;
				const site = callSite({ ...use, path: [use.path[0], use.path[1], name] }, operation);
				const options = await loaders[property.typeOptions!.loadOptionsMethod!].call(contextFor(site.parameters, site.path));
				sibling = { name, value: options[0]?.value };
			}
			const site = callSite(use, operation, sibling);
			const context = contextFor(site.parameters, site.path);
			// Every parameter the loader reads must be a dependency, or the editor shows a stale list.
			const read = jest.spyOn(context, 'getCurrentNodeParameter');
			const choices = await loaders[use.method].call(context);
			expect(use.dependsOn).toEqual(expect.arrayContaining([...new Set(read.mock.calls.map(([path]) => path))]));
			expect(choices.length).toBeGreaterThan(0);
			for (const choice of choices) {
				expect(typeof choice.name).toBe('string');
				expect(choice.name).not.toBe('');
				expect(['string', 'number']).toContain(typeof choice.value);
			}
			expect(fake.violations).toEqual([]);
			expect(fake.requests.length).toBeGreaterThan(0);
			expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
		},
	);

	test.each(perResource('listSearch').map((c) => [`${c.use.method} (${c.resource})`, c] as const))(
		'%s pages through the list, and searches what the user types',
		async (_label, { use, operation }) => {
			const site = callSite(use, operation);
			const listed = await searchers[use.method].call(contextFor(site.parameters, site.path));
			expect(listed.results.length).toBeGreaterThan(0);
			const searched = await searchers[use.method].call(contextFor(site.parameters, site.path), 'Acme');
			expect(searched.results.length).toBeGreaterThan(0);
			for (const result of [...listed.results, ...searched.results]) {
				expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
			}
			expect(searched.results.every((r) => /acme/i.test(r.name))).toBe(true);
			expect(fake.violations).toEqual([]);
		},
	);
});

describe('label pickers', () => {
	const labels = async (resource: string) => {
		const operation = operations.find((op) => op.resource === resource && op.params.some((p) => p.name === 'label_ids'))!.id;
		return await loaders.getLabels.call(contextFor({ resource, operation }));
	};

	test("each resource lists its own label set: deal, person, organization and project labels are their field's options", async () => {
		expect(await labels('deal')).toEqual([
			{ name: 'Priority', value: expect.any(Number) },
			{ name: 'Renewal', value: expect.any(Number) },
			{ name: 'Partner deal', value: expect.any(Number) },
		]);
		expect((await labels('person')).map((l) => l.name)).toEqual(['Customer', 'Hot lead', 'Warm lead', 'Cold lead']);
		expect((await labels('organization')).map((l) => l.name)).toEqual(['Customer', 'Partner', 'Competitor']);
		expect((await labels('project')).map((l) => l.name)).toEqual(['Onboarding', 'Implementation']);
		expect(fake.requests.map((r) => r.path)).toEqual(
			expect.arrayContaining(['/api/v2/dealFields', '/api/v2/personFields', '/api/v2/organizationFields', '/api/v2/projectFields']),
		);
	});

	test('lead labels come from /v1/leadLabels, with UUIDs; deal labels are integers and not lead labels', async () => {
		const lead = await labels('lead');
		const deal = await labels('deal');
		expect(lead.map((l) => l.name)).toEqual(['Cold', 'Hot', 'Warm']);
		for (const label of lead) expect(label.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
		for (const label of deal) expect(Number.isInteger(label.value)).toBe(true);
		expect(deal.map((l) => l.value)).not.toEqual(expect.arrayContaining(lead.map((l) => l.value)));
	});

	test('a picked deal label is sent as its integer ID, a lead label as its UUID', async () => {
		const [priority] = await labels('deal');
		const [cold] = await labels('lead');
		fake.requests.length = 0;
		const deal = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'addDeal', title: 'Labelled', additionalFields: { label_ids: [priority.value] } } });
		expect(deal.error).toBeUndefined();
		const lead = await runAgainst(fake, { parameters: { resource: 'lead', operation: 'addLead', title: 'Labelled lead', additionalFields: { label_ids: [cold.value] } } });
		expect(lead.error).toBeUndefined();
		const posts = fake.requests.filter((r) => r.method === 'POST');
		expect(posts.map((r) => [r.path, (r.body as { label_ids: unknown }).label_ids])).toEqual([
			['/api/v2/deals', [priority.value]],
			['/v1/leads', [cold.value]],
		]);
		expect(fake.violations).toEqual([]);
	});
});

describe('stage picker', () => {
	const ALL_STAGES = [
		'Default pipeline › Qualified',
		'Default pipeline › Contact Made',
		'Default pipeline › Proposal Made',
		'Partnerships › Intro call',
		'Partnerships › Negotiation',
		'Partnerships › Signed',
	];
	const PARTNERSHIPS = ALL_STAGES.slice(3);

	test("lists every pipeline's stages in Pipedrive's order (order_nr), under the pipeline's name", async () => {
		const choices = await loaders.getStages.call(contextFor({ resource: 'deal', operation: 'addDeal' }));
		expect(choices.map((c) => c.name)).toEqual(ALL_STAGES);
		expect(choices.slice(3).map((c) => c.value)).toEqual([5, 6, 4]);
	});

	/** Where each operation with a stage picker lets the user choose the pipeline. */
	const pipelinePlaces = uses
		.filter((u) => u.method === 'getStages')
		.flatMap((stage) =>
			stage.operations.flatMap((operation) => {
				const op = operations.find((o) => o.id === operation)!;
				const places = uses.filter((u) => u.method === 'getPipelines' && u.operations.includes(operation)).map((u) => u.path.join('.'));
				if (op.resource === 'pipeline' && op.path.includes('{id}')) places.push('pipelineId');
				return places.map((place) => ({ operation, resource: op.resource, stage, place }));
			}),
		);

	test('every operation with a stage picker also offers a pipeline', () => {
		const withStages = new Set(uses.filter((u) => u.method === 'getStages').flatMap((u) => u.operations));
		expect(new Set(pipelinePlaces.map((p) => p.operation))).toEqual(withStages);
	});

	test.each(pipelinePlaces.map((p) => [`${p.operation}: ${p.place}`, p] as const))(
		'%s narrows the stages, and the picker reloads when it changes',
		async (_label, { operation, resource, stage, place }) => {
			expect(stage.dependsOn).toContain(place);
			const parameters: INodeParameters = { resource, operation };
			const [first, second] = place.split('.');
			parameters[first] = (second ? { [second]: 2 } : 2) as never;
			const choices = await loaders.getStages.call(contextFor(parameters, `parameters.${stage.path.join('.')}`));
			expect(choices.map((c) => c.name)).toEqual(PARTNERSHIPS);
			expect(fake.requests.find((r) => r.path === '/api/v2/stages')!.query).toEqual({ pipeline_id: '2', limit: '500' });
			expect(fake.violations).toEqual([]);
		},
	);

	test("the trigger's Pipelines filter narrows its Stages filter", async () => {
		expect(STAGE_PIPELINE_PARAMETERS).toContain('filters.pipelineIds');
		const { node: triggerNode } = testWorkflow({ parameters: { filters: { pipelineIds: [2] } } });
		const engine = engineWith({ pipedriveCompleteApi: apiTokenCredentials(fake.url) }, { [triggerNode.type]: trigger });
		const context = engine.loadOptionsContext(engine.workflow(triggerNode), 'parameters.filters.stageIds');
		const choices = await trigger.methods.loadOptions.getStages.call(context);
		expect(choices.map((c) => c.name)).toEqual(PARTNERSHIPS);
	});
});

describe('the list reader', () => {
	test('refuses, before sending, a query parameter or a list the spec does not document', async () => {
		const context = contextFor({ resource: 'user', operation: 'getUsers' });
		await expect(readAll(context, { version: 'v1', path: '/users', qs: { limit: 500 } })).rejects.toThrow('GET v1 /users does not take limit');
		await expect(readAll(context, { version: 'v2', path: '/users' })).rejects.toThrow('GET v2 /users is not a documented Pipedrive list');
		expect(fake.requests).toEqual([]);
	});

	test('pages only where the endpoint pages', async () => {
		const context = contextFor({ resource: 'user', operation: 'getUsers' });
		await readAll(context, { version: 'v1', path: '/users' });
		await readAll(context, { version: 'v1', path: '/leadFields' });
		await readAll(context, { version: 'v2', path: '/pipelines' });
		expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
			['/v1/users', {}],
			['/v1/leadFields', { limit: '500', start: '0' }],
			['/api/v2/pipelines', { limit: '500' }],
		]);
		expect(fake.violations).toEqual([]);
	});
});
