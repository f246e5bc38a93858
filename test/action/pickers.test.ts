/**
 * Every dropdown and record picker of the node, called the way the editor calls them (n8n-core's
 * LoadOptionsContext) against the spec-validating fake Pipedrive: each lists real choices and sends
 * only what its endpoint documents. The methods and where they are used come from the node itself,
 * so a new picker cannot be left out.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { findOperation, operations } from '../../nodes/Pipedrive/catalogue';
import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import { PipedriveCompleteTrigger } from '../../nodes/PipedriveCompleteTrigger/PipedriveCompleteTrigger.node';
import { STAGE_PIPELINE_PARAMETERS } from '../../nodes/Pipedrive/overlays';
import { apiTokenCredentials } from '../harness/credentials';
import type { FakePipedrive } from '../harness/fake';
import { runAgainst, startFake } from '../harness/fake';
import { blockRealNetwork } from '../harness/mock';
import { loadOptionsContext } from '../harness/run';

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
		const trigger = new PipedriveCompleteTrigger().methods.loadOptions as unknown as Record<string, Loader>;
		for (const [name, method] of Object.entries(trigger)) expect(method).toBe(loaders[name]);
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
			const choices = await loaders[use.method].call(contextFor(site.parameters, site.path));
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
