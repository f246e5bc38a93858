// @ts-check
'use strict';

/**
 * Checks custom field values against the field definitions, as Pipedrive does on writes:
 * v2 bodies carry them in `custom_fields`, v1 bodies as top-level 40-hex keys.
 */

const { fieldsOf } = require('./fields');
const { HASH_KEY } = require('./schema');
const { isPlainObject } = require('./util');

/** @typedef {import('./util').Row} Row */

/**
 * @param {import('./store').Store} store
 * @param {import('./entities').Entity} entity
 * @param {unknown} body
 * @param {'v1' | 'v2'} version
 * @returns {string[]}
 */
function customFieldErrors(store, entity, body, version) {
	if (!entity.fields || !isPlainObject(body)) return [];
	const definitions = new Map(fieldsOf(store, entity.fields).filter((f) => f.is_custom_field).map((f) => [f.key, f]));
	const entries = version === 'v2'
		? Object.entries(isPlainObject(body.custom_fields) ? body.custom_fields : {})
		: Object.entries(body).filter(([key]) => HASH_KEY.test(key));
	/** @type {string[]} */
	const errors = [];
	for (const [key, value] of entries) {
		const field = definitions.get(key.slice(0, 40));
		if (!field) errors.push(`unknown custom field "${key}"`);
		else if (key.length === 40) {
			const problem = valueProblem(field, value, version);
			if (problem) errors.push(`custom field "${key}" (${field.name}) ${problem}`);
		}
	}
	return errors;
}

/** @type {Record<string, (value: unknown) => boolean>} */
const SCALAR_TYPES = {
	varchar: (v) => typeof v === 'string',
	varchar_auto: (v) => typeof v === 'string',
	text: (v) => typeof v === 'string',
	phone: (v) => typeof v === 'string',
	double: (v) => typeof v === 'number',
	date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
};

/** @param {Row} field @param {unknown} value @param {'v1' | 'v2'} version @returns {string | null} */
function valueProblem(field, value, version) {
	if (value === null) return null;
	const optionIds = (field.options ?? []).map((/** @type {{ id: number }} */ o) => o.id);
	/** @param {unknown} v */
	const isOption = (v) => (version === 'v2' ? Number.isInteger(v) : true) && optionIds.includes(Number(v));
	switch (field.field_type) {
		case 'enum':
			return isOption(value) ? null : `expects one option id of [${optionIds.join(', ')}]`;
		case 'set':
			return setProblem(value, isOption, optionIds, version);
		case 'monetary':
			return version === 'v1' || (isPlainObject(value) && typeof value.value === 'number') ? null : 'expects { value, currency }';
		default: {
			const check = SCALAR_TYPES[field.field_type];
			return !check || check(value) ? null : `expects a ${field.field_type} value`;
		}
	}
}

/**
 * @param {unknown} value
 * @param {(v: unknown) => boolean} isOption
 * @param {number[]} optionIds
 * @param {'v1' | 'v2'} version
 */
function setProblem(value, isOption, optionIds, version) {
	if (Array.isArray(value) && value.length === 0) return 'cannot be [] (send null to clear)';
	const list = Array.isArray(value) ? value : version === 'v1' ? String(value).split(',') : null;
	if (!list || !list.every(isOption)) return `expects an array of option ids of [${optionIds.join(', ')}]`;
	return null;
}

module.exports = { customFieldErrors };
