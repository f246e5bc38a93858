import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { versionPrefix } from '../transport/credentials';
import { displayNameOf, LOCATOR_ENTITIES } from '../overlays';
import {
	BINARY_PROPERTY,
	CUSTOM_FIELD_GROUPS,
	CUSTOM_FIELDS_PROPERTY,
	hasCustomFieldInput,
	hasCustomFieldOutput,
	isListOperation,
	pathPropertyName,
	RAW_CUSTOM_FIELDS_OPTION,
} from '../operationFacts';
import type { FieldSurface } from '../surface';
import { fieldSurfaceOf, surfaceOf } from '../surface';
import type { OperationDefinition, ParameterDefinition } from '../types';
import { parameterField, propertyNameOf, recordLocator } from './fields';
import { alphabetical, hintText } from './text';

export { alphabetical } from './text';
// What the executor shares with the builders, for the scripts and tests that read both from here.
export * from '../operationFacts';

/** Query parameters the executor owns: paging is done for the user (Return All / Limit). */
export const PAGING_PARAMETERS = new Set(['cursor', 'start', 'limit']);

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

/** " (Deprecated)" or " (Beta)": the same mark in the Operation dropdown and in the node panel. */
export function statusMark(op: OperationDefinition): string {
	if (op.deprecated) return ' (Deprecated)';
	return op.beta ? ' (Beta)' : '';
}

/** The operation's name in its resource's Operation dropdown (surface/<resource>.ts). */
export function operationDisplayName(op: OperationDefinition): string {
	const base = surfaceOf(op.id)?.name ?? displayNameOf(op.id);
	return `${base}${statusMark(op)}`;
}

/** The operation as listed and searched in n8n's node panel: "Create a deal". */
export function operationAction(op: OperationDefinition): string {
	const base = surfaceOf(op.id)?.action ?? displayNameOf(op.id);
	return `${base}${statusMark(op)}`;
}

/** The spec's descriptions start in the third person ("Returns …"); n8n's read as instructions ("Return …"). */
function imperative(text: string): string {
	return text.replace(/^(Returns|Marks|Adds|Updates|Deletes|Removes|Lists|Creates|Retrieves|Searches|Finds|Gets|Fetches|Modifies|Applies|Performs|Initiates|Initializes|Duplicates|Uploads|Archives|Assigns|Soft-deletes|Bulk-deletes)\b/, (verb) =>
		verb.replace(/ies$/, 'y').replace(/(ch|sh)es$/, '$1').replace(/s$/, ''),
	);
}

/** The dropdown subtext: the surface's sentence, else the spec's; deprecated ones say what to use instead. */
export function operationDescription(op: OperationDefinition): string {
	const surface = surfaceOf(op.id);
	const text = hintText(surface?.description ?? imperative(op.description ?? op.summary ?? '')) ?? '';
	if (!op.deprecated || surface?.description) return text;
	return `${text.replace(/\.?$/, '.')} Deprecated: ${op.deprecated}.`;
}

/** The operation's entry in its resource's Operation dropdown, with the request it makes. */
export function operationOption(op: OperationDefinition): INodePropertyOptions {
	return {
		name: operationDisplayName(op),
		value: op.id,
		action: operationAction(op),
		description: operationDescription(op),
		routing: {
			request: { method: op.method, url: `${versionPrefix(op.version)}${op.path}` },
			// Every operation runs through the executor (execute.ts), set as the node's pagination hook.
			send: { paginate: true },
		},
	};
}

function pathField(op: OperationDefinition, param: ParameterDefinition, surface: FieldSurface): INodeProperties {
	const name = pathPropertyName(op, param);
	const entity = name.replace(/Id$/, '');
	if (param.name === 'id' && LOCATOR_ENTITIES[entity]) {
		return recordLocator(entity, name, LOCATOR_ENTITIES[entity].displayName, true);
	}
	const numeric = param.type === 'integer' || param.type === 'number';
	const field: INodeProperties = {
		displayName: surface.displayName ?? displayNameOf(name.replace(/([a-z])Id$/, '$1_id')),
		name,
		type: numeric ? 'number' : 'string',
		// Empty until set: the editor flags it and the executor refuses it, rather than sending 0.
		default: '',
		required: true,
	};
	if (numeric) field.typeOptions = { minValue: 1, numberPrecision: 0 };
	const description = surface.description ?? hintText(param.description);
	if (description) field.description = description;
	if (surface.placeholder) field.placeholder = surface.placeholder;
	else if (param.format === 'uuid') field.placeholder = 'e.g. 3f2a1c4e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
	return field;
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

/** Where an operation's optional query fields go: Filters for lists and searches by criteria, else Options. */
export function queryCollectionOf(op: OperationDefinition): 'filters' | 'options' {
	return isListOperation(op) || surfaceOf(op.id)?.filters ? 'filters' : 'options';
}

/**
 * Where an operation's parameter is filled in, as fieldsOf lays the form out: required ones at the top
 * level, optional body values in Additional Fields (Update Fields for updates), optional query values in
 * Filters or Options. Path values, paging, files and custom fields are read apart (undefined here).
 */
export function fieldPathOf(op: OperationDefinition, param: ParameterDefinition): string | undefined {
	if (!userParameters(op).includes(param)) return undefined;
	const name = propertyNameOf(param);
	if (param.required) return name;
	if (param.in === 'body') return `${op.method === 'PATCH' || op.method === 'PUT' ? 'updateFields' : 'additionalFields'}.${name}`;
	return `${queryCollectionOf(op)}.${name}`;
}

/** The record and required fields in the order the surface gives (most important first), the rest after. */
function inSurfaceOrder<T extends { param: ParameterDefinition }>(fields: T[], order: string[] | undefined): T[] {
	if (!order) return fields;
	const rank = (f: T) => {
		const index = order.indexOf(f.param.name);
		return index < 0 ? order.length : index;
	};
	return [...fields].sort((a, b) => rank(a) - rank(b));
}

/** Every field of one operation, before displayOptions are attached. */
function fieldsOf(op: OperationDefinition): INodeProperties[] {
	const surface = (p: ParameterDefinition) => fieldSurfaceOf(op, p);
	const rest = userParameters(op);
	const required = [
		...op.params.filter((p) => p.in === 'path').map((p) => ({ param: p, field: pathField(op, p, surface(p)) })),
		...rest.filter((p) => p.required).map((p) => ({ param: p, field: parameterField(p, true, op.resource, surface(p)) })),
	];
	const fields = inSurfaceOrder(required, surfaceOf(op.id)?.order).map((r) => r.field);
	if (op.params.some((p) => p.type === 'file') || op.binaryResponse) fields.push(binaryField(op));
	if (isListOperation(op)) fields.push(...listControls());
	if (hasCustomFieldInput(op)) fields.push(customFieldsInput());

	const optionalBody = rest.filter((p) => !p.required && p.in === 'body').map((p) => parameterField(p, false, op.resource, surface(p)));
	const optionalQuery = rest.filter((p) => !p.required && p.in === 'query').map((p) => parameterField(p, false, op.resource, surface(p)));
	if (optionalBody.length) {
		const isUpdate = op.method === 'PATCH' || op.method === 'PUT';
		fields.push(
			isUpdate
				? collection('updateFields', 'Update Fields', 'Add Field', optionalBody)
				: collection('additionalFields', 'Additional Fields', 'Add Field', optionalBody),
		);
	}
	const outputOptions = hasCustomFieldOutput(op) ? [rawCustomFieldsOption()] : [];
	if (queryCollectionOf(op) === 'filters' && optionalQuery.length) {
		fields.push(collection('filters', 'Filters', 'Add Filter', optionalQuery));
		if (outputOptions.length) fields.push(collection('options', 'Options', 'Add Option', outputOptions));
	} else if (optionalQuery.length || outputOptions.length) {
		fields.push(collection('options', 'Options', 'Add Option', [...optionalQuery, ...outputOptions]));
	}
	return fields;
}

/** The operation's fields, shown only when its resource and operation are selected. */
export function operationFields(op: OperationDefinition): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [op.resource], operation: [op.id] } }, fieldsOf(op));
}
