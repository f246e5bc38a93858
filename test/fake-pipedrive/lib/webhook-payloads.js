// @ts-check
'use strict';

/**
 * The `data`/`previous` (v2) and `current`/`previous` (v1) of a webhook event for a stored row that an
 * API write changed, in the documented shapes (https://pipedrive.readme.io/docs/webhooks-v2-migration-guide):
 * v2 keeps custom fields in `custom_fields`, each value typed (`{type: "double", value}`,
 * `{type: "enum", id}`, `{type: "set", values: [{id}]}`, …) and `previous` holds only the changed fields;
 * v1 has custom fields as top-level hash keys with plain values and `previous` is the whole former record.
 */

const { fieldsOf } = require('./fields');
const { isPlainObject, listOf } = require('./util');

/** @typedef {import('./util').Row} Row */
/** @typedef {import('./entities').Entity} Entity */
/** @typedef {import('./store').Store} Store */

/**
 * The objects webhooks v2 deliver ("Guide for Webhooks v2", 2026). The spec's `event_object` enum lags:
 * it lacks the project and deal sub-objects added in April 2026.
 */
const WEBHOOK_OBJECTS = [
	'activity', 'deal', 'lead', 'note', 'organization', 'person', 'pipeline', 'product', 'stage', 'user',
	'deal_installment', 'deal_product', 'board', 'phase', 'project', 'task',
];

const CUSTOM_KEY = /^([0-9a-f]{40})(?:_([a-z_]+))?$/;

/** Types whose value is one id. */
const ID_TYPES = new Set(['enum', 'people', 'org', 'user']);

/** @param {unknown} id */
const asId = (id) => (typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id);

/**
 * One stored custom field value as webhooks v2 type it.
 * @param {string} type the field's `field_type`
 * @param {unknown} value as stored: v2 API shape, or v1 plain value (with v1 companions merged in)
 */
function typedValue(type, value) {
	if (value === null || value === undefined) return null;
	if (ID_TYPES.has(type)) return { id: asId(isPlainObject(value) ? value.id ?? value.value : value), type };
	if (type === 'set') return { values: listOf(value).map((id) => ({ id: asId(id) })), type };
	if (!isPlainObject(value)) return { type, value };
	if (type === 'daterange' || type === 'timerange') {
		const { value: from, ...rest } = value;
		return { ...(from === undefined ? {} : { from }), ...rest, type };
	}
	return { ...value, type };
}

/**
 * Custom field values of a row by key: v2 rows keep them in `custom_fields`; v1 rows (leads, notes)
 * as top-level hash keys, with companions (`<hash>_currency`, `<hash>_until`) folded into an object.
 * @param {Row} row
 * @returns {{ values: Row, standard: Row }}
 */
function splitCustomFields(row) {
	/** @type {Row} */
	const values = isPlainObject(row.custom_fields) ? { ...row.custom_fields } : {};
	/** @type {Row} */
	const standard = {};
	for (const [key, value] of Object.entries(row)) {
		const match = CUSTOM_KEY.exec(key);
		if (key === 'custom_fields') continue;
		if (!match) {
			standard[key] = value;
			continue;
		}
		const [, hash, companion] = match;
		const known = values[hash];
		if (!companion) values[hash] = isPlainObject(known) ? { ...known, value } : value;
		else values[hash] = { ...(isPlainObject(known) ? known : known === undefined ? {} : { value: known }), [companion]: value };
	}
	return { values, standard };
}

/**
 * A row as webhooks v2 `data` show it.
 * @param {Store} store @param {Entity} entity @param {Row} row
 */
function v2Record(store, entity, row) {
	const { values, standard } = splitCustomFields(structuredClone(row));
	if (!entity.fields && !Object.keys(values).length) return standard;
	const types = new Map(entity.fields ? fieldsOf(store, entity.fields).map((field) => [field.key, String(field.field_type)]) : []);
	const custom = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typedValue(types.get(key) ?? 'varchar', value)]));
	return { ...standard, custom_fields: custom };
}

/** @param {unknown} a @param {unknown} b */
const differs = (a, b) => JSON.stringify(a) !== JSON.stringify(b);

/**
 * v2 `previous` of an update: the former values of exactly the fields that changed.
 * @param {Row} before v2 record @param {Row} after v2 record
 */
function v2Previous(before, after) {
	/** @type {Row} */
	const previous = {};
	for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
		if (key === 'custom_fields') continue;
		if (differs(before[key], after[key])) previous[key] = before[key] ?? null;
	}
	const oldCustom = before.custom_fields ?? {};
	const newCustom = after.custom_fields ?? {};
	const changedCustom = [...new Set([...Object.keys(oldCustom), ...Object.keys(newCustom)])].filter((key) => differs(oldCustom[key] ?? null, newCustom[key] ?? null));
	if (changedCustom.length) previous.custom_fields = Object.fromEntries(changedCustom.map((key) => [key, oldCustom[key] ?? null]));
	return previous;
}

/**
 * A row as v1 `current`/`previous` show it: custom fields as top-level hash keys, monetary
 * values split into `<hash>` and `<hash>_currency`.
 * @param {Row} row
 */
function v1Record(row) {
	const { custom_fields: custom, ...rest } = structuredClone(row);
	/** @type {Row} */
	const record = rest;
	for (const [key, value] of Object.entries(isPlainObject(custom) ? custom : {})) {
		if (isPlainObject(value) && 'currency' in value) {
			record[key] = value.value ?? null;
			record[`${key}_currency`] = value.currency;
		} else {
			record[key] = value;
		}
	}
	return record;
}

/**
 * The webhook event an API write makes, both shapes, from snapshots taken at the write.
 * @param {Store} store
 * @param {Entity} entity
 * @param {'create' | 'change' | 'delete'} action
 * @param {Row | null} after the row once written (null on delete)
 * @param {Row | null} before the row before the write (null on create)
 */
function eventForWrite(store, entity, action, after, before) {
	const data = after ? v2Record(store, entity, after) : null;
	const former = before ? v2Record(store, entity, before) : null;
	const previous = action === 'change' && data && former ? v2Previous(former, data) : action === 'delete' ? former : null;
	return {
		object: entity.type,
		action,
		data,
		previous,
		v1: { current: after ? v1Record(after) : null, previous: before ? v1Record(before) : null },
	};
}

module.exports = { WEBHOOK_OBJECTS, eventForWrite, typedValue };
