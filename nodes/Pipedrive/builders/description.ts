import type { INodeProperties } from 'n8n-workflow';

import { displayNameOf } from '../overlays';
import type { OperationDefinition } from '../types';
import { alphabetical, operationFields, operationOption } from './operations';

export const API_REQUEST_RESOURCE = 'apiRequest';

function byName<T extends { name: string }>(a: T, b: T): number {
	return alphabetical(a.name, b.name);
}

function resourceProperty(resources: string[]): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'deal',
		options: [
			...resources.map((resource) => ({ name: displayNameOf(resource), value: resource })),
			{ name: 'API Request', value: API_REQUEST_RESOURCE },
		].sort(byName),
	};
}

function operationProperty(resource: string, ops: OperationDefinition[]): INodeProperties {
	const options = ops.map(operationOption).sort(byName);
	const preferred = options.find((o) => o.name === 'Get Many') ?? options[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: String(preferred.value),
	};
}

/**
 * Fields that are identical across operations (the deal picker, Return All, …) become one property
 * shown for all of them: a smaller description, and less work for n8n's engine, which walks every
 * property for every input item. Operation values are spec operationIds, unique across resources, so
 * `operation` alone decides visibility.
 */
function mergeIdenticalFields(fields: INodeProperties[]): INodeProperties[] {
	const merged = new Map<string, INodeProperties>();
	for (const field of fields) {
		const show = { ...(field.displayOptions?.show ?? {}) };
		const operation = (show.operation as string[]) ?? [];
		delete show.resource;
		delete show.operation;
		field.displayOptions = { ...field.displayOptions, show };
		const key = JSON.stringify(field);
		const existing = merged.get(key);
		if (existing) {
			(existing.displayOptions!.show!.operation as string[]).push(...operation);
		} else {
			merged.set(key, { ...field, displayOptions: { ...field.displayOptions, show: { ...show, operation: [...operation] } } });
		}
	}
	return [...merged.values()];
}

const COLLECTION_RANK: Record<string, number> = { additionalFields: 5, updateFields: 5, filters: 6, options: 7 };

/**
 * Merged fields of different operations interleave; this keeps each operation's form in the usual
 * order: the record and required fields first, then Return All / Limit, custom fields, collections.
 * (Array.prototype.sort is stable, so fields of the same rank keep their order.)
 */
function fieldRank(field: INodeProperties): number {
	if (field.name in COLLECTION_RANK) return COLLECTION_RANK[field.name];
	if (field.type === 'fixedCollection') return 4;
	if (field.name === 'returnAll' || field.name === 'limit') return 3;
	return field.required ? 1 : 2;
}

/** Resource, per-resource Operation dropdowns, and every operation's fields, from the catalogue. */
export function buildOperationProperties(operations: OperationDefinition[]): INodeProperties[] {
	const byResource = new Map<string, OperationDefinition[]>();
	for (const op of operations) {
		const list = byResource.get(op.resource) ?? [];
		list.push(op);
		byResource.set(op.resource, list);
	}
	const resources = [...byResource.keys()].sort();
	const properties: INodeProperties[] = [resourceProperty(resources)];
	for (const resource of resources) properties.push(operationProperty(resource, byResource.get(resource)!));
	const fields = mergeIdenticalFields(resources.flatMap((resource) => byResource.get(resource)!.flatMap(operationFields)));
	properties.push(...fields.sort((a, b) => fieldRank(a) - fieldRank(b)));
	return properties;
}
