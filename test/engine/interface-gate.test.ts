import { readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import type { Incompatibility, NodeInterface } from '../../nodes/Pipedrive/builders/interface';
import { descriptionsByVersion, describeIncompatibility, gateReport, incompatibilities, interfaceOf } from '../../nodes/Pipedrive/builders/interface';
import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import type { FakePipedrive } from '../harness/fake';
import { startFake } from '../harness/fake';
import { apiTokenCredentials } from '../harness/credentials';
import type { NodeUnderTest } from '../harness/run';
import { jsonOf, runNode } from '../harness/run';

/**
 * The compatibility gate: interface/pipedriveComplete.json records what saved workflows depend on
 * (per node version: resources, operations, parameter names, places, types, option values, required
 * flags, top-level defaults). These tests run it on the real description and on edited copies.
 */

const SNAPSHOT = join(__dirname, '..', '..', 'interface', 'pipedriveComplete.json');
const recorded = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as NodeInterface;
const node = new PipedriveComplete();

function interfaceOfNode(type: INodeType | VersionedNodeType): NodeInterface {
	return interfaceOf('pipedriveComplete', descriptionsByVersion(type));
}

/** The gate's verdict on a copy of today's properties after `edit`. */
function gateAfter(edit: (properties: INodeProperties[]) => void): Incompatibility[] {
	const properties = structuredClone(node.description.properties);
	edit(properties);
	return incompatibilities(recorded, interfaceOf('pipedriveComplete', [[1, { properties }]]));
}

const operationsOf = (properties: INodeProperties[], resource: string) =>
	properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource))!;
const shownFor = (p: INodeProperties | undefined, operation: string) => ((p?.displayOptions?.show?.operation ?? p?.displayOptions?.show?.['/operation']) as string[] | undefined)?.includes(operation);
const topLevel = (properties: INodeProperties[], name: string, operation: string) => properties.find((p) => p.name === name && shownFor(p, operation))!;
const entryOf = (properties: INodeProperties[], collection: string, name: string, operation: string) =>
	(topLevel(properties, collection, operation).options as INodeProperties[]).find((o) => o.name === name && shownFor(o, operation))!;

/** Narrows a shared property to one operation: a copy for `operation`, the original for the others. */
function splitFor(properties: INodeProperties[], property: INodeProperties, operation: string): INodeProperties {
	const show = property.displayOptions!.show!;
	const key = show.operation ? 'operation' : '/operation';
	const copy: INodeProperties = { ...structuredClone(property), displayOptions: { show: { ...show, [key]: [operation] } } };
	show[key] = (show[key] as string[]).filter((o) => o !== operation);
	properties.push(copy);
	return copy;
}

describe('compatibility gate on the node as built', () => {
	it('the built description keeps everything the snapshot records', () => {
		const found = incompatibilities(recorded, interfaceOfNode(node));
		if (found.length) throw new Error(gateReport(found));
	});

	it('the snapshot records the current interface, additions included (else: npm run generate)', () => {
		expect(interfaceOfNode(node)).toEqual(recorded);
	});

	it('records every operation of every resource, with its parameters by place', () => {
		const v1 = recorded.versions['1'];
		const count = Object.values(v1.resources).reduce((sum, ops) => sum + Object.keys(ops).length, 0);
		const listed = node.description.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options as INodePropertyOptions[]);
		expect(count).toBe(listed.length);
		expect(v1.defaults.resource).toBe('deal');
		expect(v1.resources.deal.addDeal).toMatchObject({
			title: { type: 'string', required: true, default: '' },
			'additionalFields.status': { type: 'options', values: ['lost', 'open', 'won'] },
			'customFieldsUi.field.key': { type: 'options' },
		});
		expect(v1.resources.deal.getDeals).toMatchObject({ returnAll: { type: 'boolean', default: false }, limit: { type: 'number', default: 50 } });
		expect(v1.common).toHaveProperty('authentication');
	});
});

describe('the gate catches each kind of incompatible change (on a copy of the description)', () => {
	const expectFound = (found: Incompatibility[], expected: Partial<Incompatibility>) => {
		expect(found).toContainEqual(expect.objectContaining({ version: '1', ...expected }));
		const message = gateReport(found);
		expect(message).toContain(describeIncompatibility({ version: '1', problem: '', ...expected }).replace(/ $/, ''));
		expect(message).toMatch(/new node version.*VersionedNodeType.*CHANGELOG\.md/);
	};

	it('a removed operation', () => {
		const found = gateAfter((properties) => {
			const deal = operationsOf(properties, 'deal');
			deal.options = (deal.options as INodePropertyOptions[]).filter((o) => o.value !== 'duplicateDeal');
		});
		expectFound(found, { resource: 'deal', operation: 'duplicateDeal', problem: 'operation removed or renamed' });
	});

	it('a renamed parameter', () => {
		const found = gateAfter((properties) => {
			splitFor(properties, topLevel(properties, 'title', 'addDeal'), 'addDeal').name = 'dealTitle';
		});
		expectFound(found, { resource: 'deal', operation: 'addDeal', parameter: 'title', problem: 'removed or renamed' });
	});

	it('a parameter moved out of Additional Fields to the top level', () => {
		const found = gateAfter((properties) => {
			const entry = entryOf(properties, 'additionalFields', 'value', 'addDeal');
			properties.push({ ...structuredClone(entry), displayOptions: { show: { resource: ['deal'], operation: ['addDeal'] } } });
			const show = entry.displayOptions!.show!;
			show['/operation'] = (show['/operation'] as string[]).filter((o) => o !== 'addDeal');
		});
		expectFound(found, { resource: 'deal', operation: 'addDeal', parameter: 'additionalFields.value', problem: 'moved to "value"' });
	});

	it('a changed type', () => {
		const found = gateAfter((properties) => {
			const entry = splitFor(topLevel(properties, 'additionalFields', 'addDeal').options as INodeProperties[], entryOf(properties, 'additionalFields', 'probability', 'addDeal'), 'addDeal');
			entry.type = 'string';
		});
		expectFound(found, { resource: 'deal', operation: 'addDeal', parameter: 'additionalFields.probability', problem: 'type changed from number to string' });
	});

	it('a removed option value', () => {
		const found = gateAfter((properties) => {
			const status = entryOf(properties, 'additionalFields', 'status', 'addDeal');
			status.options = (status.options as INodePropertyOptions[]).filter((o) => o.value !== 'lost');
		});
		expectFound(found, { resource: 'deal', operation: 'addDeal', parameter: 'additionalFields.status', problem: 'option value(s) "lost" removed' });
	});

	it('a new required parameter without a default', () => {
		const found = gateAfter((properties) => {
			properties.push({ displayName: 'Pipeline Name', name: 'pipelineName', type: 'string', required: true, default: '', displayOptions: { show: { resource: ['deal'], operation: ['addDeal'] } } });
		});
		expectFound(found, { resource: 'deal', operation: 'addDeal', parameter: 'pipelineName', problem: 'is new and required without a default' });
	});

	it('an optional top-level field made required without a default', () => {
		const found = gateAfter((properties) => {
			const limit = splitFor(properties, topLevel(properties, 'limit', 'getDeals'), 'getDeals');
			Object.assign(limit, { required: true, default: '' });
		});
		expectFound(found, { resource: 'deal', operation: 'getDeals', parameter: 'limit', problem: 'became required without a default' });
	});

	it('a changed top-level default (saved workflows do not store defaults)', () => {
		const found = gateAfter((properties) => {
			splitFor(properties, topLevel(properties, 'limit', 'getDeals'), 'getDeals').default = 100;
		});
		expectFound(found, { resource: 'deal', operation: 'getDeals', parameter: 'limit', problem: 'default changed from 50 to 100' });
	});

	it("a changed default operation of a resource", () => {
		const found = gateAfter((properties) => {
			operationsOf(properties, 'deal').default = 'addDeal';
		});
		expectFound(found, { resource: 'deal', parameter: 'operation', problem: 'default changed from "getDeals" to "addDeal"' });
	});

	it('additions pass: a new operation, a new optional field, a new option value', () => {
		const found = gateAfter((properties) => {
			(operationsOf(properties, 'deal').options as INodePropertyOptions[]).push({ name: 'Archive', value: 'archiveDeal', action: 'Archive a deal' });
			(topLevel(properties, 'additionalFields', 'addDeal').options as INodeProperties[]).push({
				displayName: 'Origin',
				name: 'origin',
				type: 'string',
				default: '',
				displayOptions: { show: { '/operation': ['addDeal'] } },
			});
			const status = entryOf(properties, 'additionalFields', 'status', 'addDeal');
			(status.options as INodePropertyOptions[]).push({ name: 'Deleted', value: 'deleted' });
		});
		expect(found).toEqual([]);
	});
});

/** A version 2 that renames Create deal's Title, as a breaking change would: version 1 keeps today's description. */
function bumpedNode(): VersionedNodeType {
	const v2Properties = structuredClone(node.description.properties);
	const title = splitFor(v2Properties, topLevel(v2Properties, 'title', 'addDeal'), 'addDeal');
	title.name = 'dealTitle';
	const v1 = new PipedriveComplete();
	const v2 = new PipedriveComplete();
	v2.description = { ...node.description, version: 2, properties: v2Properties };
	const base = { ...node.description, defaultVersion: 2 } as unknown as INodeTypeDescription;
	return new VersionedNodeType({ 1: v1, 2: v2 }, base);
}

describe('a version bump keeps saved workflows working', () => {
	let fake: FakePipedrive;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => {
		await fake.close();
	});

	it('the same rename without a new version fails the gate, naming the operation and parameter', () => {
		const unversioned = bumpedNode().nodeVersions[2].description.properties;
		const found = incompatibilities(recorded, interfaceOf('pipedriveComplete', [[1, { properties: unversioned }]]));
		expect(found.map(describeIncompatibility)).toContain('v1 deal › addDeal: parameter "title" removed or renamed');
	});

	it('with version 2 beside the unchanged version 1, the gate passes and records version 2 as new', () => {
		const bumped = interfaceOfNode(bumpedNode());
		expect(incompatibilities(recorded, bumped)).toEqual([]);
		expect(Object.keys(bumped.versions)).toEqual(['1', '2']);
		expect(bumped.versions['2'].resources.deal.addDeal).toHaveProperty('dealTitle');
	});

	it('a workflow saved against version 1 (stored parameters as JSON) runs identically after the bump', async () => {
		const saved = JSON.parse(
			'{"resource":"deal","operation":"addDeal","title":"Saved in version 1","additionalFields":{"value":1500,"currency":"EUR","status":"open"}}',
		);
		const target = (nodeType: INodeType | VersionedNodeType): NodeUnderTest => ({ type: 'CUSTOM.pipedriveComplete', name: 'Create deal', nodeType: nodeType as INodeType });
		const runWith = async (nodeType: INodeType | VersionedNodeType) => {
			fake.reset();
			const result = await runNode({ parameters: saved, credentials: apiTokenCredentials(fake.url) }, target(nodeType));
			expect(result.error).toBeUndefined();
			const { id: _id, add_time: _added, update_time: _updated, ...deal } = jsonOf(result)[0];
			return { requests: fake.requests.map(({ method, path, query, body }) => ({ method, path, query, body })), deal };
		};
		const before = await runWith(new PipedriveComplete());
		const after = await runWith(bumpedNode());
		expect(before.requests).toEqual([
			{ method: 'POST', path: '/api/v2/deals', query: {}, body: { title: 'Saved in version 1', value: 1500, currency: 'EUR', status: 'open' } },
		]);
		expect(after).toEqual(before);
		expect(fake.violations).toEqual([]);
	});

	it('the same workflow against the renamed description without a version bump does not run at all', async () => {
		const broken = new PipedriveComplete();
		broken.description = { ...node.description, properties: bumpedNode().nodeVersions[2].description.properties };
		const saved = { resource: 'deal', operation: 'addDeal', title: 'Saved in version 1' };
		fake.reset();
		// n8n itself finds the renamed required field empty and refuses to run the workflow
		// (2.8: "The workflow has issues…"; 2.40 names the node and the field).
		await expect(runNode({ parameters: saved, credentials: apiTokenCredentials(fake.url) }, { type: 'CUSTOM.pipedriveComplete', name: 'Create deal', nodeType: broken })).rejects.toThrow(
			/workflow has issues|node has issues:[\s\S]*is required/,
		);
		expect(fake.requests).toEqual([]);
	});
});
