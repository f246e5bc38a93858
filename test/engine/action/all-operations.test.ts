/**
 * Spec-conformance sweep: every operation of the node, run through n8n's engine with its required
 * fields filled, against the loopback fake Pipedrive that checks each request against the official
 * specs. No spec violation is allowed, and each operation gets exactly the answer the fake gives it:
 * success, or the refusal listed below for sample values that name nothing the fake holds.
 */
import type { INodeParameters } from 'n8n-workflow';

import { pathPropertyName, PAGING_PARAMETERS, hasCustomFieldInput, queryCollectionOf } from '../../../nodes/Pipedrive/builders/operations';
import { operations } from '../../../nodes/Pipedrive/catalogue';
import { propertyNameOf } from '../../../nodes/Pipedrive/builders/fields';
import { CONTACT_LIST_PARAMETERS, LOCATOR_PARAMETERS } from '../../../nodes/Pipedrive/overlays';
import { isFlagParameter } from '../../../nodes/Pipedrive/validation';
import type { OperationDefinition, ParameterDefinition } from '../../../nodes/Pipedrive/types';
import type { FakePipedrive } from '../../harness/fake';
import { runAgainst, startFake } from '../../harness/fake';
import { blockRealNetwork } from '../../harness/mock';

const LEAD_ID = '3f2a1c4e-1b2c-4d5e-8f90-a1b2c3d4e5f6';

let fake: FakePipedrive;
beforeAll(async () => {
	blockRealNetwork();
	fake = await startFake({ rateLimit: { limit: 1_000_000, windowMs: 2000, enforce: false } });
});
afterAll(async () => await fake.close());

/** A value as the editor stores it for the parameter's control. */
function sampleScalar(param: ParameterDefinition, type = param.type): unknown {
	if (isFlagParameter(param)) return true;
	if (param.textKey) return '10 Main Street, Berlin';
	if (CONTACT_LIST_PARAMETERS[param.name]) return CONTACT_LIST_PARAMETERS[param.name] === 'email' ? 'ann@example.com' : '+1 555 0100';
	if (param.format === 'color') return '#FF8800';
	// Lead labels are UUIDs (the spec says so on the item, which the catalogue does not keep).
	if (param.name === 'label_ids' && param.items === 'string') return [LEAD_ID];
	if (param.enum?.length) return type === 'array' ? [param.enum[0]] : param.enum[0];
	if (LOCATOR_PARAMETERS[param.name] && type !== 'array') return { __rl: true, mode: 'id', value: param.format === 'uuid' ? LEAD_ID : '1' };
	switch (type) {
		case 'integer':
		case 'number':
			return Math.max(1, param.min ?? 1);
		case 'boolean':
			return true;
		case 'array':
			// A list is one value per row (rows hold text).
			return param.items === 'object' ? (param.example ?? '[]') : [String(sampleScalar(param, param.items))];
		case 'object':
			return param.example ?? '{}';
		default:
			if (param.format === 'date') return '2026-01-31';
			if (param.format === 'date-time') return '2026-01-31T10:00:00Z';
			if (param.format === 'timestamp') return '2026-01-31 10:00:00';
			if (param.format === 'time') return '14:30';
			if (param.format === 'email') return 'ann@example.com';
			if (param.format === 'uuid') return LEAD_ID;
			return 'sample';
	}
}

function pathValue(op: OperationDefinition, param: ParameterDefinition): unknown {
	const name = pathPropertyName(op, param);
	if (name === 'leadId') return { __rl: true, mode: 'id', value: LEAD_ID };
	if (['dealId', 'personId', 'organizationId', 'productId', 'activityId'].includes(name) && param.name === 'id') {
		return { __rl: true, mode: 'id', value: '1' };
	}
	if (param.format === 'uuid') return LEAD_ID;
	return param.type === 'integer' ? 1 : 'sample';
}

function parametersFor(op: OperationDefinition): INodeParameters {
	const parameters: INodeParameters = { resource: op.resource, operation: op.id };
	for (const param of op.params) {
		if (param.in === 'path') parameters[pathPropertyName(op, param)] = pathValue(op, param) as never;
		else if (param.required && param.type !== 'file' && !(op.paging && PAGING_PARAMETERS.has(param.name)) && !(param.name === 'custom_fields' && hasCustomFieldInput(op))) {
			parameters[propertyNameOf(param)] = sampleScalar(param) as never;
		}
	}
	// An update needs something to update: the first optional body field.
	const firstOptional = op.params.find((p) => p.in === 'body' && !p.required);
	if (op.bodyRequired && firstOptional) parameters.updateFields = { [propertyNameOf(firstOptional)]: sampleScalar(firstOptional) as never };
	if (op.paging) {
		parameters.returnAll = false;
		parameters.limit = 2;
	}
	return parameters;
}

/**
 * The same operation with every field it offers set: optional body fields in Additional Fields (Update
 * Fields for updates), optional query fields in Filters (lists) or Options, as the builders place them.
 */
function parametersWithEverything(op: OperationDefinition): INodeParameters {
	const parameters = parametersFor(op);
	const update = op.method === 'PATCH' || op.method === 'PUT';
	const bodyCollection = update ? 'updateFields' : 'additionalFields';
	const queryCollection = queryCollectionOf(op);
	for (const param of op.params) {
		if (param.required || param.in === 'path' || param.type === 'file' || (op.paging && PAGING_PARAMETERS.has(param.name))) continue;
		if (param.name === 'custom_fields' && hasCustomFieldInput(op)) continue;
		const collection = param.in === 'body' ? bodyCollection : queryCollection;
		parameters[collection] = { ...((parameters[collection] as INodeParameters) ?? {}), [propertyNameOf(param)]: sampleScalar(param) as never };
	}
	return parameters;
}

/** Sample record IDs (1) the fake's baseline does not hold: Pipedrive answers 404. */
const RECORD_NOT_FOUND = new Set(
	[
		'activity: deleteActivity getActivity updateActivity',
		'activityField: getActivityField',
		'file: deleteFile downloadFile getFile updateFile',
		'webhook: deleteWebhook',
		...['deal', 'lead', 'note', 'organization', 'person', 'product', 'project', 'task'].map((r) => `${r}: delete${cap(r)} get${cap(r)} update${cap(r)}`),
		...['deal', 'organization', 'person', 'product', 'project'].map((r) => `${r}Field: delete${cap(r)}Field get${cap(r)}Field update${cap(r)}Field`),
	].flatMap((line) => {
		const [resource, ids] = line.split(': ');
		return ids.split(' ').map((id) => `${resource}: ${id}`);
	}),
);
/** Lists whose sample filter_id (1) is the fake's deals filter: Pipedrive refuses another type's filter (400). */
const FILTER_OF_ANOTHER_TYPE = new Set(['activity: getActivities', ...['lead', 'organization', 'person', 'product', 'project'].map((r) => `${r}: get${cap(r)}s`)]);

function cap(word: string): string {
	return word[0].toUpperCase() + word.slice(1);
}

/** The HTTP status the fake answers with: 200, or the refusal above. */
function expectedStatus(op: OperationDefinition, everyField: boolean): number {
	const key = `${op.resource}: ${op.id}`;
	if (RECORD_NOT_FOUND.has(key)) return 404;
	// The sample subscription URL ("sample") is not a reachable URL.
	if (key === 'webhook: addWebhook') return 400;
	return everyField && FILTER_OF_ANOTHER_TYPE.has(key) ? 400 : 200;
}

const binaryItem = { json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'audio/mpeg', fileName: 'a.mp3' } } };

test.each(operations.map((op) => [`${op.resource}: ${op.id}`, op] as const))('%s sends a request the spec allows', async (_name, op) => {
	await expectConformant(op, parametersFor(op), expectedStatus(op, false));
});

const withOptionalFields = operations.filter((op) => op.params.some((p) => !p.required && p.in !== 'path' && !PAGING_PARAMETERS.has(p.name)));
test.each(withOptionalFields.map((op) => [`${op.resource}: ${op.id}`, op] as const))('%s with every optional field set sends a request the spec allows', async (_name, op) => {
	await expectConformant(op, parametersWithEverything(op), expectedStatus(op, true));
});

async function expectConformant(op: OperationDefinition, parameters: INodeParameters, status: number): Promise<void> {
	fake.reset();
	const result = await runAgainst(fake, { parameters, items: [binaryItem] });
	const sent = fake.requests.filter((r) => !/Fields$/.test(r.path) || op.resource.endsWith('Field'));
	expect(result.error && sent.length === 0 ? result.error.message : 'sent').toBe('sent');
	expect(fake.violations).toEqual([]);
	expect(result.error ? /^Pipedrive error (\d+)/.exec(result.error.message)?.[1] ?? result.error.message : '200').toBe(String(status));
}
