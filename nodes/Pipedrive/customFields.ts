import type { IDataObject } from 'n8n-workflow';

import { readList } from './lists';
import { CUSTOM_FIELD_GROUPS } from './operationFacts';
import { CUSTOM_FIELD_SOURCES } from './overlays';
import type { PipedriveContext } from './transport/request';
import { nodeOf } from './transport/request';
import { InputError, parseJson } from './validation';

/** One field definition, the same shape for v2 (`field_code`) and v1 (`key`) sources. */
export interface FieldDefinition {
	key: string;
	name: string;
	type: string;
	isCustom: boolean;
	options?: Array<{ id: number | string; label: string }>;
}

interface CacheEntry {
	expires: number;
	fields: Promise<FieldDefinition[]>;
}

const CACHE_TTL_MS = 5 * 60_000;
const cache = new Map<string, CacheEntry>();

const V1_HASH_KEY = /^[0-9a-f]{40}$/;

function normalise(raw: IDataObject, version: 'v1' | 'v2'): FieldDefinition {
	const key = String(version === 'v2' ? raw.field_code : raw.key);
	const isCustom = version === 'v2' ? raw.is_custom_field === true : V1_HASH_KEY.test(key) || raw.edit_flag === true;
	const options = Array.isArray(raw.options)
		? (raw.options as IDataObject[]).map((o) => ({ id: o.id as number, label: String(o.label) }))
		: undefined;
	return {
		key,
		name: String((version === 'v2' ? raw.field_name : raw.name) ?? key),
		type: String((raw.field_type as string) ?? 'varchar'),
		isCustom,
		options,
	};
}

function cacheKey(ctx: PipedriveContext, resource: string): string {
	const node = nodeOf(ctx);
	const credentials = Object.values(node.credentials ?? {})
		.map((c) => c.id)
		.join(',');
	const execution = 'getExecutionId' in ctx ? ctx.getExecutionId() : 'ui';
	return `${credentials}:${execution}:${resource}`;
}

/**
 * Field definitions of a resource, all pages, fetched once per execution and shared by its items.
 * `timeout` bounds each page request (the trigger must answer Pipedrive within 10 s).
 */
export async function fieldDefinitions(ctx: PipedriveContext, resource: string, options: { timeout?: number } = {}): Promise<FieldDefinition[]> {
	const source = CUSTOM_FIELD_SOURCES[resource];
	if (!source) return [];
	const key = cacheKey(ctx, resource);
	const now = Date.now();
	const hit = cache.get(key);
	if (hit && hit.expires > now) return await hit.fields;
	for (const [k, entry] of cache) if (entry.expires <= now) cache.delete(k);
	const fields = (async () => {
		const all: FieldDefinition[] = [];
		await readList(ctx, { version: source.version, path: source.path, timeout: options.timeout }, (records) =>
			all.push(...(records as IDataObject[]).map((r) => normalise(r, source.version))),
		);
		return all;
	})();
	cache.set(key, { expires: now + CACHE_TTL_MS, fields });
	fields.catch(() => cache.delete(key));
	return await fields;
}

function optionLabel(field: FieldDefinition, id: unknown): unknown {
	const option = field.options?.find((o) => String(o.id) === String(id));
	return option ? option.label : id;
}

function readableValue(field: FieldDefinition, value: unknown): unknown {
	if (!field.options?.length || value === null || value === undefined) return value;
	if (field.type === 'set') {
		const ids = Array.isArray(value) ? value : String(value).split(',');
		return ids.map((id) => optionLabel(field, id));
	}
	if (field.type === 'enum') return optionLabel(field, value);
	return value;
}

type LabelledField = FieldDefinition & { label: string };

/** Built once per field list (the list is cached per execution, or for the trigger across deliveries). */
const labelsByFieldList = new WeakMap<FieldDefinition[], Map<string, LabelledField>>();

/** Custom fields by key, with unique display names: a second "Region" shows as `Region (abc123…)`. */
function namesByKey(fields: FieldDefinition[]): Map<string, LabelledField> {
	const cached = labelsByFieldList.get(fields);
	if (cached) return cached;
	const custom = fields.filter((f) => f.isCustom);
	const seen = new Map<string, number>();
	for (const f of custom) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
	const byKey = new Map(custom.map((f) => [f.key, { ...f, label: (seen.get(f.name) ?? 0) > 1 ? `${f.name} (${f.key})` : f.name }]));
	labelsByFieldList.set(fields, byKey);
	return byKey;
}

const HASH_KEY_IN_RECORD = /^[0-9a-f]{40}/;

/**
 * Whether any record carries custom field values, so definitions are only fetched when they matter.
 * v2 records keep them in `custom_fields`; only records without it (v1) are scanned for hash keys.
 */
export function hasCustomFieldValues(records: IDataObject[]): boolean {
	return records.some((record) => {
		if (!record || typeof record !== 'object') return false;
		const custom = record.custom_fields;
		if (custom !== undefined) return !!custom && typeof custom === 'object' && Object.keys(custom).length > 0;
		return Object.keys(record).some((k) => HASH_KEY_IN_RECORD.test(k));
	});
}

/**
 * Makes records readable: v2 `custom_fields` keyed by field name, option IDs as labels; v1 hash keys
 * (leads, notes) renamed to field names. Records are changed in place, so no copy of a page is made.
 */
export function resolveCustomFieldNames(records: IDataObject[], fields: FieldDefinition[]): void {
	if (!fields.length) return;
	const byKey = namesByKey(fields);
	for (const record of records) {
		if (!record || typeof record !== 'object') continue;
		const custom = record.custom_fields;
		if (custom && typeof custom === 'object' && !Array.isArray(custom)) {
			const named: IDataObject = {};
			for (const [key, value] of Object.entries(custom as IDataObject)) {
				const field = byKey.get(key);
				named[field ? field.label : key] = (field ? readableValue(field, value) : value) as IDataObject[string];
			}
			record.custom_fields = named;
			continue;
		}
		renameV1Keys(record, byKey);
	}
}

/** v1 records: `<hash>`, `<hash>_currency`, `<hash>_until`… → `Name`, `Name Currency`, `Name Until`. */
function renameV1Keys(record: IDataObject, byKey: Map<string, LabelledField>): void {
	for (const key of Object.keys(record)) {
		const hash = HASH_KEY_IN_RECORD.exec(key)?.[0];
		const field = hash ? byKey.get(hash) : undefined;
		if (!field) continue;
		const suffix = key.slice(hash!.length).replace(/^_/, '');
		let label = suffix ? `${field.label} ${displaySuffix(suffix)}` : field.label;
		// A custom field named like a standard one ("Title") must not overwrite it.
		if (label in record && label !== key) label = `${label} (custom)`;
		const value = record[key];
		delete record[key];
		record[label] = (suffix ? value : readableValue(field, value)) as IDataObject[string];
	}
}

function displaySuffix(suffix: string): string {
	return suffix
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** A custom field by API key, or by name (case-insensitive). */
export function findField(fields: FieldDefinition[], keyOrName: string): FieldDefinition | undefined {
	const wanted = keyOrName.trim();
	const custom = fields.filter((f) => f.isCustom);
	return custom.find((f) => f.key === wanted) ?? custom.find((f) => f.name.toLowerCase() === wanted.toLowerCase());
}

/** Where Pipedrive keeps the label options of deals, persons, organizations (and projects) among their fields. */
export const LABEL_FIELD_CODES = ['label_ids', 'label', 'labels'];

/** Field types as Pipedrive's web app names them. */
const TYPE_NAMES: Record<string, string> = {
	varchar: 'Text',
	varchar_auto: 'Autocomplete',
	varchar_options: 'Text options',
	text: 'Large text',
	double: 'Numerical',
	int: 'Number',
	monetary: 'Monetary',
	date: 'Date',
	daterange: 'Date range',
	time: 'Time',
	timerange: 'Time range',
	enum: 'Single option',
	set: 'Multiple options',
	user: 'User',
	org: 'Organization',
	people: 'Person',
	phone: 'Phone',
	address: 'Address',
	visible_to: 'Visibility',
	status: 'Status',
	stage: 'Stage',
	picture: 'Picture',
	boolean: 'Checkbox',
};

export function typeName(fieldType: string): string {
	return TYPE_NAMES[fieldType] ?? fieldType;
}

function fieldLabel(field: FieldDefinition): string {
	return `Custom Fields › ${field.name}`;
}

function fieldError(field: FieldDefinition, problem: string): InputError {
	return new InputError(fieldLabel(field), problem);
}

/** An option's ID from its label or ID; a number (from the option picker) is matched as an ID first. */
function optionId(field: FieldDefinition, labelOrId: string | number): number | string {
	const text = String(labelOrId).trim();
	const byLabel = () => field.options?.find((o) => o.label.toLowerCase() === text.toLowerCase());
	const byId = () => field.options?.find((o) => String(o.id) === text);
	const option = typeof labelOrId === 'number' ? (byId() ?? byLabel()) : (byLabel() ?? byId());
	if (!option) {
		const choices = (field.options ?? []).map((o) => o.label).join(', ');
		throw fieldError(field, `has no option "${text}" (options: ${choices})`);
	}
	return option.id;
}

const NUMERIC_TYPES = new Set(['double', 'int']);
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;

function numberValue(field: FieldDefinition, text: string): number {
	const number = Number(text);
	if (text === '' || !Number.isFinite(number)) throw fieldError(field, `must be a number, got "${text}"`);
	return number;
}

/** `1500`, `1500 EUR` or `EUR 1500`: v2 takes `{ value, currency }`, v1 the bare amount. */
function monetaryValue(field: FieldDefinition, text: string, version: 'v1' | 'v2'): unknown {
	const match = /^([A-Za-z]{3})?\s*([^\sA-Za-z]+)\s*([A-Za-z]{3})?$/.exec(text);
	if (!match || (match[1] && match[3])) throw fieldError(field, `must be an amount such as 1500 or 1500 EUR, got "${text}"`);
	const amount = numberValue(field, match[2]);
	const currency = (match[1] ?? match[3])?.toUpperCase();
	if (version === 'v1') return amount;
	return currency ? { value: amount, currency } : { value: amount };
}

/** Option fields: a label or ID, a comma-separated list of them, or a list from the multi-option picker. */
function optionValue(field: FieldDefinition, value: unknown): unknown {
	const parts = Array.isArray(value) ? (value as Array<string | number>) : typeof value === 'string' ? value.split(',') : [value as number];
	const ids = parts.filter((part) => String(part).trim() !== '').map((part) => optionId(field, part));
	if (!ids.length) return null;
	if (field.type === 'set') return ids;
	if (ids.length > 1) throw fieldError(field, `takes one option, got ${ids.length}`);
	return ids[0];
}

/** A user's value for a custom field → what Pipedrive stores: option IDs, numbers, dates, or parsed JSON. */
function apiValue(field: FieldDefinition, value: unknown, version: 'v1' | 'v2'): unknown {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' && value.trim() === '') return null;
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (text !== undefined && (text.startsWith('{') || text.startsWith('['))) return parseJson(fieldLabel(field), text);
	if (field.type === 'enum' || field.type === 'set') return optionValue(field, value);
	if (text === undefined) return value;
	if (NUMERIC_TYPES.has(field.type)) return numberValue(field, text);
	if (field.type === 'monetary') return monetaryValue(field, text, version);
	if (field.type === 'date') {
		const date = ISO_DATE.exec(text)?.[1];
		if (!date) throw fieldError(field, `must be a date (YYYY-MM-DD), got "${text}"`);
		return date;
	}
	return text;
}

export interface CustomFieldEntry {
	key?: string;
	value?: unknown;
}

/** Every entry of the Custom Fields input, whichever group it was added in. */
export function customFieldEntries(input: IDataObject | undefined): CustomFieldEntry[] {
	return Object.keys(CUSTOM_FIELD_GROUPS).flatMap((group) => (input?.[group] as CustomFieldEntry[] | undefined) ?? []);
}

/** Custom Fields entries → `{ fieldKey: apiValue }`, with field names and option labels resolved. */
export function encodeCustomFields(entries: CustomFieldEntry[], fields: FieldDefinition[], version: 'v1' | 'v2' = 'v2'): IDataObject {
	const encoded: IDataObject = {};
	for (const entry of entries) {
		if (!entry.key) throw new InputError('Custom Fields', 'an entry has no field selected');
		const field = findField(fields, String(entry.key));
		if (!field) throw new InputError('Custom Fields', `no custom field named or keyed "${entry.key}"`);
		encoded[field.key] = apiValue(field, entry.value, version) as IDataObject[string];
	}
	return encoded;
}
