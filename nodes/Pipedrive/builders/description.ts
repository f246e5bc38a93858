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

function operationsOf(field: INodeProperties): string[] {
	return (field.displayOptions?.show?.operation as string[] | undefined) ?? [];
}

/** A field's identity for merging: everything but where it is shown and its hint text. */
function mergeKey(field: INodeProperties): string {
	const show = { ...(field.displayOptions?.show ?? {}) };
	delete show.resource;
	delete show.operation;
	return JSON.stringify({ ...field, description: undefined, displayOptions: { ...field.displayOptions, show } });
}

/** One hint for a field several operations share: theirs if they agree, else the distinct ones. */
function mergedDescription(descriptions: Array<string | undefined>): string | undefined {
	const distinct = [...new Set(descriptions.filter((d): d is string => !!d))];
	if (distinct.length <= 1) return distinct[0];
	return distinct.length <= 4 ? distinct.join(' / ') : undefined;
}

/**
 * Fields that are the same across operations (the deal picker, Return All, a required Title, …)
 * become one property shown for all of them. n8n's engine walks every property for every input item
 * and resolves the stored value once per property of that name, so fewer same-named properties means
 * an expression is evaluated once per item, not once per operation that has the field.
 */
function mergeIdenticalFields(fields: INodeProperties[]): INodeProperties[] {
	const merged = new Map<string, { field: INodeProperties; descriptions: Array<string | undefined> }>();
	for (const field of fields) {
		const key = mergeKey(field);
		const existing = merged.get(key);
		if (existing) {
			(existing.field.displayOptions!.show!.operation as string[]).push(...operationsOf(field));
			existing.descriptions.push(field.description);
			continue;
		}
		const show: Record<string, unknown> = { ...(field.displayOptions?.show ?? {}), operation: [...operationsOf(field)] };
		delete show.resource;
		const displayOptions = { ...field.displayOptions, show } as INodeProperties['displayOptions'];
		merged.set(key, { field: { ...field, displayOptions }, descriptions: [field.description] });
	}
	return [...merged.values()].map(({ field, descriptions }) => {
		const description = mergedDescription(descriptions);
		const result = { ...field, description };
		if (!description) delete result.description;
		return result;
	});
}

const COLLECTIONS = new Set(['additionalFields', 'updateFields', 'filters', 'options']);

/**
 * Every operation's "Additional Fields" (and Update Fields, Filters, Options) become one collection
 * each, whose entries say which operations they belong to (`/operation`). Otherwise n8n would keep
 * dozens of same-named collections and resolve the stored values of each, for every item.
 */
function mergeCollections(fields: INodeProperties[]): INodeProperties[] {
	const collections = new Map<string, { property: INodeProperties; entries: Map<string, INodeProperties> }>();
	const out: INodeProperties[] = [];
	for (const field of fields) {
		if (!COLLECTIONS.has(field.name) || field.type !== 'collection') {
			out.push(field);
			continue;
		}
		const operations = operationsOf(field);
		let collection = collections.get(field.name);
		if (!collection) {
			const property = { ...field, options: [], displayOptions: { show: { operation: [] as string[] } } };
			collection = { property, entries: new Map() };
			collections.set(field.name, collection);
			out.push(property);
		}
		(collection.property.displayOptions!.show!.operation as string[]).push(...operations);
		for (const entry of (field.options ?? []) as INodeProperties[]) {
			const key = JSON.stringify(entry);
			const existing = collection.entries.get(key);
			if (existing) (existing.displayOptions!.show!['/operation'] as string[]).push(...operations);
			else collection.entries.set(key, { ...entry, displayOptions: { show: { '/operation': [...operations] } } });
		}
	}
	for (const { property, entries } of collections.values()) {
		property.options = [...entries.values()].sort((a, b) => alphabetical(a.displayName, b.displayName));
	}
	return out;
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
	const perOperation = resources.flatMap((resource) => byResource.get(resource)!.flatMap(operationFields));
	const fields = mergeIdenticalFields(mergeCollections(perOperation));
	properties.push(...fields.sort((a, b) => fieldRank(a) - fieldRank(b)));
	return properties;
}
