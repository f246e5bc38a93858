import { CUSTOM_FIELD_SOURCES, V1_CUSTOM_FIELD_WRITES } from './overlays';
import type { OperationDefinition } from './types';

/**
 * What both the description builders (at generate time) and the executor (at run time) need to agree on:
 * the property names an operation's values are read from, and which operations page or carry custom fields.
 */

/** The Resource value of "Custom API Call". */
export const API_REQUEST_RESOURCE = 'apiRequest';

export const BINARY_PROPERTY = 'binaryPropertyName';
export const CUSTOM_FIELDS_PROPERTY = 'customFieldsUi';
export const RAW_CUSTOM_FIELDS_OPTION = 'rawCustomFieldKeys';

/** The groups of the Custom Fields input: any field with a typed value, and the fields with their own controls. */
export const CUSTOM_FIELD_GROUPS = {
	field: 'Any Field',
	singleOption: 'Single Option Field',
	multipleOptions: 'Multiple Options Field',
	date: 'Date Field',
} as const;

/** First path segment → the record a path's `{id}` belongs to. */
const COLLECTION_ENTITIES: Record<string, string> = {
	deals: 'deal',
	persons: 'person',
	organizations: 'organization',
	products: 'product',
	activities: 'activity',
	leads: 'lead',
};

/** The n8n property that holds a path parameter's value. */
export function pathPropertyName(op: OperationDefinition, param: { name: string }): string {
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
