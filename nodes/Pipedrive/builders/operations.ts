import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { CUSTOM_FIELD_GROUPS } from '../customFields';
import { versionPrefix } from '../transport/credentials';
import {
	CUSTOM_FIELD_SOURCES,
	displayNameOf,
	LOCATOR_ENTITIES,
	OPERATION_NAMES,
	titleCase,
	V1_CUSTOM_FIELD_WRITES,
} from '../overlays';
import type { OperationDefinition, ParameterDefinition } from '../types';
import { parameterField, recordLocator } from './fields';

/** Query parameters the executor owns: paging is done for the user (Return All / Limit). */
export const PAGING_PARAMETERS = new Set(['cursor', 'start', 'limit']);

/** First path segment → the record a path's `{id}` belongs to. */
const COLLECTION_ENTITIES: Record<string, string> = {
	deals: 'deal',
	persons: 'person',
	organizations: 'organization',
	products: 'product',
	activities: 'activity',
	leads: 'lead',
};

export const BINARY_PROPERTY = 'binaryPropertyName';
export const CUSTOM_FIELDS_PROPERTY = 'customFieldsUi';
export const RAW_CUSTOM_FIELDS_OPTION = 'rawCustomFieldKeys';

/** The n8n property that holds a path parameter's value. */
export function pathPropertyName(op: OperationDefinition, param: ParameterDefinition): string {
	if (param.name !== 'id') return param.name;
	const collection = op.path.split('/')[1];
	return `${COLLECTION_ENTITIES[collection] ?? op.resource}Id`;
}

export function isListOperation(op: OperationDefinition): boolean {
	return op.method === 'GET' && op.paging !== undefined;
}

export function hasCustomFieldInput(op: OperationDefinition): boolean {
	return (
		V1_CUSTOM_FIELD_WRITES.has(op.id) ||
		(op.params.some((p) => p.name === 'custom_fields' && p.in === 'body') && !!CUSTOM_FIELD_SOURCES[op.resource])
	);
}

export function hasCustomFieldOutput(op: OperationDefinition): boolean {
	return !!CUSTOM_FIELD_SOURCES[op.resource] && !op.binaryResponse && op.method !== 'DELETE';
}

/** Parameters shown as their own fields or inside a collection (paging and custom fields are handled apart). */
function userParameters(op: OperationDefinition): ParameterDefinition[] {
	return op.params.filter(
		(p) =>
			p.in !== 'path' &&
			p.type !== 'file' &&
			!(op.paging && p.in === 'query' && PAGING_PARAMETERS.has(p.name)) &&
			!(p.name === 'custom_fields' && hasCustomFieldInput(op)),
	);
}

export function operationDisplayName(op: OperationDefinition): string {
	const base = OPERATION_NAMES[op.id] ?? titleCase(op.summary ?? displayNameOf(op.id));
	if (op.deprecated) return `${base} (Deprecated)`;
	return op.beta ? `${base} (Beta)` : base;
}

/** The operation's entry in its resource's Operation dropdown, with the request it makes. */
export function operationOption(op: OperationDefinition): INodePropertyOptions {
	const note = op.deprecated ? ` Deprecated: ${op.deprecated}.` : '';
	return {
		name: operationDisplayName(op),
		value: op.id,
		action: op.summary ?? operationDisplayName(op),
		description: `${op.description ?? op.summary ?? ''}${note}`.trim(),
		routing: {
			request: { method: op.method, url: `${versionPrefix(op.version)}${op.path}` },
			// Every operation runs through the executor (transport/execute.ts), set as the node's pagination hook.
			send: { paginate: true },
		},
	};
}

function pathField(op: OperationDefinition, param: ParameterDefinition): INodeProperties {
	const name = pathPropertyName(op, param);
	const entity = name.replace(/Id$/, '');
	if (param.name === 'id' && LOCATOR_ENTITIES[entity]) {
		return recordLocator(entity, name, LOCATOR_ENTITIES[entity].displayName, true);
	}
	const field: INodeProperties = {
		displayName: displayNameOf(name.replace(/([a-z])Id$/, '$1_id')),
		name,
		type: param.type === 'integer' || param.type === 'number' ? 'number' : 'string',
		default: param.type === 'integer' || param.type === 'number' ? 0 : '',
		required: true,
	};
	if (param.description) field.description = param.description;
	return field;
}

/** Case-insensitive order without ICU collation, which is slow at load time (names are ASCII). */
export function alphabetical(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

function byDisplayName(a: INodeProperties, b: INodeProperties): number {
	return alphabetical(a.displayName, b.displayName);
}

function collection(name: string, displayName: string, placeholder: string, options: INodeProperties[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		options: options.sort(byDisplayName),
	};
}

function listControls(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

const PICK_OR_EXPRESSION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** One Custom Fields group: a field picker (names typed by hand or by expression resolve at run time) and its value. */
function customFieldGroup(name: keyof typeof CUSTOM_FIELD_GROUPS, fieldsMethod: string, value: INodeProperties): INodePropertyCollection {
	return {
		displayName: CUSTOM_FIELD_GROUPS[name],
		name,
		values: [
			{
				displayName: 'Field Name or ID',
				name: 'key',
				type: 'options',
				typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn: ['resource'] },
				allowArbitraryValues: true,
				default: '',
				description: PICK_OR_EXPRESSION,
			},
			value,
		],
	};
}

/** Custom field values: any field with a typed value, option fields from their own options, dates with a date picker. */
function customFieldsInput(): INodeProperties {
	const options = { loadOptionsMethod: 'getCustomFieldOptions', loadOptionsDependsOn: ['&key', 'resource'] };
	return {
		displayName: 'Custom Fields',
		name: CUSTOM_FIELDS_PROPERTY,
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Custom field values by field name; option fields accept their labels',
		options: [
			customFieldGroup('field', 'getCustomFields', {
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				description:
					'Text, number, amount (1500 EUR), date (YYYY-MM-DD), option label (or ID), comma-separated labels for multiple options, or JSON for structured fields',
			}),
			customFieldGroup('singleOption', 'getSingleOptionFields', {
				displayName: 'Option Name or ID',
				name: 'value',
				type: 'options',
				typeOptions: options,
				default: '',
				description: PICK_OR_EXPRESSION,
			}),
			customFieldGroup('multipleOptions', 'getMultipleOptionFields', {
				displayName: 'Option Names or IDs',
				name: 'value',
				type: 'multiOptions',
				typeOptions: options,
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			}),
			customFieldGroup('date', 'getDateFields', { displayName: 'Date', name: 'value', type: 'dateTime', default: '' }),
		],
	};
}

function rawCustomFieldsOption(): INodeProperties {
	return {
		displayName: 'Raw Custom Field Keys',
		name: RAW_CUSTOM_FIELDS_OPTION,
		type: 'boolean',
		default: false,
		description: 'Whether to keep custom fields under their API keys instead of their names',
	};
}

function binaryField(op: OperationDefinition): INodeProperties {
	const download = !!op.binaryResponse;
	return {
		displayName: download ? 'Put Output File in Field' : 'Input Binary Field',
		name: BINARY_PROPERTY,
		type: 'string',
		default: 'data',
		required: true,
		hint: download ? 'The name of the output binary field to put the file in' : 'The name of the input binary field containing the file to upload',
	};
}

/** Every field of one operation, before displayOptions are attached. */
function fieldsOf(op: OperationDefinition): INodeProperties[] {
	const fields: INodeProperties[] = op.params.filter((p) => p.in === 'path').map((p) => pathField(op, p));
	const rest = userParameters(op);
	fields.push(...rest.filter((p) => p.required).map((p) => parameterField(p, true, op.resource)));
	if (op.params.some((p) => p.type === 'file') || op.binaryResponse) fields.push(binaryField(op));
	if (isListOperation(op)) fields.push(...listControls());
	if (hasCustomFieldInput(op)) fields.push(customFieldsInput());

	const optionalBody = rest.filter((p) => !p.required && p.in === 'body').map((p) => parameterField(p, false, op.resource));
	const optionalQuery = rest.filter((p) => !p.required && p.in === 'query').map((p) => parameterField(p, false, op.resource));
	if (optionalBody.length) {
		const isUpdate = op.method === 'PATCH' || op.method === 'PUT';
		fields.push(
			isUpdate
				? collection('updateFields', 'Update Fields', 'Add Field', optionalBody)
				: collection('additionalFields', 'Additional Fields', 'Add Field', optionalBody),
		);
	}
	const outputOptions = hasCustomFieldOutput(op) ? [rawCustomFieldsOption()] : [];
	if (isListOperation(op) && optionalQuery.length) {
		fields.push(collection('filters', 'Filters', 'Add Filter', optionalQuery));
		if (outputOptions.length) fields.push(collection('options', 'Options', 'Add Option', outputOptions));
	} else if (optionalQuery.length || outputOptions.length) {
		fields.push(collection('options', 'Options', 'Add Option', [...optionalQuery, ...outputOptions]));
	}
	return fields;
}

/** The operation's fields, shown only when its resource and operation are selected. */
export function operationFields(op: OperationDefinition): INodeProperties[] {
	return fieldsOf(op).map((field) => {
		const show = { ...(field.displayOptions?.show ?? {}), resource: [op.resource], operation: [op.id] };
		return { ...field, displayOptions: { ...field.displayOptions, show } };
	});
}
