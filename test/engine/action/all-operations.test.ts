/**
 * Spec-conformance sweep: every operation of the node, run through n8n's engine with its required
 * fields filled, against the loopback fake Pipedrive that checks each request against the official
 * specs. Pipedrive-level errors (e.g. 404 for a made-up ID) are fine here; spec violations are not.
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

const binaryItem = { json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'audio/mpeg', fileName: 'a.mp3' } } };

test.each(operations.map((op) => [`${op.resource}: ${op.id}`, op] as const))('%s sends a request the spec allows', async (_name, op) => {
	await expectConformant(op, parametersFor(op));
});

const withOptionalFields = operations.filter((op) => op.params.some((p) => !p.required && p.in !== 'path' && !PAGING_PARAMETERS.has(p.name)));
test.each(withOptionalFields.map((op) => [`${op.resource}: ${op.id}`, op] as const))('%s with every optional field set sends a request the spec allows', async (_name, op) => {
	await expectConformant(op, parametersWithEverything(op));
});

async function expectConformant(op: OperationDefinition, parameters: INodeParameters): Promise<void> {
	fake.reset();
	const result = await runAgainst(fake, { parameters, items: [binaryItem] });
	const sent = fake.requests.filter((r) => !/Fields$/.test(r.path) || op.resource.endsWith('Field'));
	expect(result.error && sent.length === 0 ? result.error.message : 'sent').toBe('sent');
	expect(fake.violations).toEqual([]);
	if (result.error) expect(result.error.message).toMatch(/Pipedrive error (400|404|409|410|422)/);
}
