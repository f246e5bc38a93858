import type { INodeProperties } from 'n8n-workflow';

import { displayNameOf } from '../overlays';
import { RESOURCE_NAMES } from '../surface';
import type { OperationDefinition } from '../types';
import { operationDisplayName, operationFields, operationOption } from './operations';
import { alphabetical } from './text';

import { API_REQUEST_RESOURCE } from '../operationFacts';

export { API_REQUEST_RESOURCE } from '../operationFacts';

/**
 * n8n adds its own "Custom API Call" entry (a pointer to the HTTP Request node) to the Resource list
 * unless the list already ends with an entry of that name. Ours ends it: one entry, and it runs inside
 * this node with its credential, pacing, retries and errors.
 */
export const CUSTOM_API_CALL_NAME = 'Custom API Call';

export function resourceDisplayName(resource: string): string {
	return RESOURCE_NAMES[resource] ?? displayNameOf(resource);
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return alphabetical(a.name, b.name);
}

function resourceProperty(resources: string[]): INodeProperties {
	const options = resources.map((resource) => ({ name: resourceDisplayName(resource), value: resource })).sort(byName);
	options.push({ name: CUSTOM_API_CALL_NAME, value: API_REQUEST_RESOURCE });
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'deal',
		options,
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
function mergeIdenticalFields(fields: INodeProperties[]): { merged: INodeProperties[]; mergedOf: Map<INodeProperties, INodeProperties> } {
	const merged = new Map<string, { field: INodeProperties; descriptions: Array<string | undefined> }>();
	const keyOf = new Map<INodeProperties, string>();
	for (const field of fields) {
		const key = mergeKey(field);
		keyOf.set(field, key);
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
	const results = new Map<string, INodeProperties>();
	for (const [key, { field, descriptions }] of merged) {
		const description = mergedDescription(descriptions);
		const result = { ...field, description };
		if (!description) delete result.description;
		results.set(key, result);
	}
	const mergedOf = new Map<INodeProperties, INodeProperties>();
	for (const [field, key] of keyOf) mergedOf.set(field, results.get(key)!);
	return { merged: [...results.values()], mergedOf };
}

const COLLECTIONS = new Set(['additionalFields', 'updateFields', 'filters', 'options']);

/**
 * Every operation's "Additional Fields" (and Update Fields, Filters, Options) become one collection
 * each, whose entries say which operations they belong to (`/operation`). Otherwise n8n would keep
 * dozens of same-named collections and resolve the stored values of each, for every item.
 */
function mergeCollections(fields: INodeProperties[]): { fields: INodeProperties[]; collectionOf: Map<INodeProperties, INodeProperties> } {
	const collections = new Map<string, { property: INodeProperties; entries: Map<string, INodeProperties> }>();
	const out: INodeProperties[] = [];
	const collectionOf = new Map<INodeProperties, INodeProperties>();
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
		collectionOf.set(field, collection.property);
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
	return { fields: out, collectionOf };
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

/**
 * One order for all merged fields that keeps every operation's own order (each operation's fields are a
 * chain of "comes before" constraints): a topological sort, ties broken by rank and then first use.
 */
function formOrder(fields: INodeProperties[], forms: INodeProperties[][]): INodeProperties[] {
	const position = new Map(fields.map((field, index) => [field, index]));
	const after = new Map<INodeProperties, Set<INodeProperties>>(fields.map((field) => [field, new Set()]));
	const waitingFor = new Map<INodeProperties, number>(fields.map((field) => [field, 0]));
	for (const form of forms) {
		for (let i = 1; i < form.length; i++) {
			const next = after.get(form[i - 1])!;
			if (next.has(form[i])) continue;
			next.add(form[i]);
			waitingFor.set(form[i], waitingFor.get(form[i])! + 1);
		}
	}
	const priorities = new Map(fields.map((field) => [field, fieldRank(field) * 100_000 + position.get(field)!]));
	const priority = (field: INodeProperties) => priorities.get(field)!;
	const remaining = new Set(fields);
	const ordered: INodeProperties[] = [];
	while (remaining.size) {
		let best: INodeProperties | undefined;
		let fallback: INodeProperties | undefined;
		for (const field of remaining) {
			if (!fallback || priority(field) < priority(fallback)) fallback = field;
			if (waitingFor.get(field) === 0 && (!best || priority(field) < priority(best))) best = field;
		}
		// A cycle means two operations want opposite orders; the test of every form's order reports it.
		const next = best ?? fallback!;
		remaining.delete(next);
		ordered.push(next);
		for (const field of after.get(next)!) waitingFor.set(field, waitingFor.get(field)! - 1);
	}
	return ordered;
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
	const forms = resources.flatMap((resource) => byResource.get(resource)!.map(operationFields));
	const { fields: collected, collectionOf } = mergeCollections(forms.flat());
	const { merged, mergedOf } = mergeIdenticalFields(collected);
	const ranked = merged.sort((a, b) => fieldRank(a) - fieldRank(b));
	const finalOf = (field: INodeProperties) => mergedOf.get(collectionOf.get(field) ?? field)!;
	properties.push(...formOrder(ranked, forms.map((form) => [...new Set(form.map(finalOf))])));
	return properties;
}

/** "Get Many" → "get many"; acronyms ("API") keep their spelling. */
function lowerWords(text: string): string {
	return text.replace(/\b[A-Z][a-z]+\b/g, (word) => word.toLowerCase());
}

/**
 * The canvas subtitle, like the built-in nodes' "create: deal": operation values are Pipedrive's ids
 * ("addDeal"), so the expression looks up the readable text (ids are unique across resources).
 */
export function subtitleExpression(operations: OperationDefinition[]): string {
	const labels: Record<string, string> = { send: lowerWords(CUSTOM_API_CALL_NAME) };
	for (const op of operations) labels[op.id] = `${lowerWords(operationDisplayName(op).replace(/ \((Deprecated|Beta)\)$/, ''))}: ${lowerWords(resourceDisplayName(op.resource))}`;
	return `={{ ${JSON.stringify(labels)}[$parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
