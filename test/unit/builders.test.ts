/** The builders turn a catalogue operation into the fields n8n shows, and say where each value lives. */
import { operations } from '../../nodes/Pipedrive/catalogue';
import { fieldPathOf, operationDisplayName, operationFields, queryCollectionOf } from '../../nodes/Pipedrive/builders/operations';
import { parameterField, propertyNameOf } from '../../nodes/Pipedrive/builders/fields';
import type { OperationDefinition } from '../../nodes/Pipedrive/types';

const op = (id: string): OperationDefinition => operations.find((candidate) => candidate.id === id)!;
const paramOf = (definition: OperationDefinition, name: string) => definition.params.find((param) => param.name === name)!;

describe('operation fields', () => {
	test('a create: required fields on top, custom fields, then Additional Fields and Options, each shown only for its resource and operation', () => {
		const fields = operationFields(op('addDeal'));
		expect(fields.map((field) => [field.name, field.type])).toEqual([
			['title', 'string'],
			['customFieldsUi', 'fixedCollection'],
			['additionalFields', 'collection'],
			['options', 'collection'],
		]);
		for (const field of fields) expect(field.displayOptions).toEqual({ show: { resource: ['deal'], operation: ['addDeal'] } });
		expect(fields[0].required).toBe(true);
	});

	test("a list: Return All, a Limit shown only without it (the field's own condition kept), Filters and Options", () => {
		const fields = operationFields(op('getDeals'));
		expect(fields.map((field) => [field.name, field.displayOptions?.show])).toEqual([
			['returnAll', { resource: ['deal'], operation: ['getDeals'] }],
			['limit', { returnAll: [false], resource: ['deal'], operation: ['getDeals'] }],
			['filters', { resource: ['deal'], operation: ['getDeals'] }],
			['options', { resource: ['deal'], operation: ['getDeals'] }],
		]);
	});

	test('a record in the path is picked with a required resource locator', () => {
		expect(operationFields(op('getDeal')).map((field) => [field.name, field.type, field.required])).toEqual([
			['dealId', 'resourceLocator', true],
			['options', 'collection', undefined],
		]);
	});
});

test('where the executor reads each value: a required field at the top, an optional one in its collection', () => {
	const create = op('addDeal');
	expect(fieldPathOf(create, paramOf(create, 'title'))).toBe('title');
	expect(fieldPathOf(create, paramOf(create, 'value'))).toBe(`additionalFields.${propertyNameOf(paramOf(create, 'value'))}`);
	expect([queryCollectionOf(op('getDeals')), queryCollectionOf(create)]).toEqual(['filters', 'options']);
});

test('a parameter becomes the control its type calls for', () => {
	const create = op('addDeal');
	const optional = parameterField(paramOf(create, 'value'), false, 'deal');
	expect(optional).toMatchObject({ displayName: 'Value', name: 'value', type: 'number', default: '' });
	expect(optional).not.toHaveProperty('required');
	expect(parameterField(paramOf(create, 'title'), true, 'deal')).toMatchObject({ name: 'title', type: 'string', required: true });
	expect(operationDisplayName(create)).toBe('Create');
});
