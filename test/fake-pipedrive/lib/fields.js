// @ts-check
'use strict';

/**
 * Field definitions (dealFields, personFields, ...). One stored shape, presented as v1 (`key`, `name`)
 * or v2 (`field_code`, `field_name`). Lead fields include the deal custom fields, as in Pipedrive.
 */

const { hashKey, isPlainObject, v1Time } = require('./util');
const BASELINE = require('./baseline.json');
const { HASH_KEY } = require('./schema');

/** @typedef {import('./util').Row} Row */
/** @typedef {import('./store').Store} Store */

const FIELD_COLLECTIONS = ['dealFields', 'personFields', 'organizationFields', 'productFields', 'activityFields', 'projectFields', 'leadFields', 'noteFields'];
const OPTION_TYPES = new Set(['enum', 'set']);

/**
 * Deterministic key of a custom field, so tests can name it before the fake runs.
 * @param {string} collection e.g. `dealFields`
 * @param {string} name e.g. `Region`
 */
function customFieldKey(collection, name) {
	return hashKey(`${collection}:${name}`);
}

/**
 * The deterministic key, or a variant of it when a field of the same name already exists.
 * @param {Store} store @param {string} collection @param {string} name
 */
function uniqueKey(store, collection, name) {
	const taken = new Set(store.all(collection).map((field) => field.key));
	let key = customFieldKey(collection, name);
	for (let n = 2; taken.has(key); n++) key = customFieldKey(collection, `${name} (${n})`);
	return key;
}

/**
 * A stored field from v1 (`name`, `key`) or v2 (`field_name`, `field_code`) input.
 * @param {Store} store
 * @param {string} collection
 * @param {Row} input
 * @returns {Row}
 */
function buildField(store, collection, input) {
	const name = input.field_name ?? input.name;
	const isCustom = input.is_custom_field ?? input.edit_flag ?? true;
	const now = new Date();
	return {
		id: input.id,
		key: input.field_code ?? input.key ?? (isCustom ? uniqueKey(store, collection, name) : String(name).toLowerCase()),
		name,
		field_type: input.field_type ?? 'varchar',
		options: OPTION_TYPES.has(input.field_type) ? buildOptions(store, input.options) : null,
		is_custom_field: Boolean(isCustom),
		mandatory_flag: Boolean(input.mandatory_flag),
		description: input.description ?? null,
		add_time: v1Time(now),
		update_time: v1Time(now),
	};
}

/** @param {Store} store @param {unknown} options @returns {Array<{ id: number, label: string }>} */
function buildOptions(store, options) {
	const list = Array.isArray(options) ? options : [];
	return list.map((option) => {
		const label = typeof option === 'string' ? option : option.label;
		const id = typeof option === 'object' && Number.isInteger(option.id) ? option.id : store.nextOptionId++;
		return { id, label };
	});
}

/** @param {Store} store @param {Row} field @param {Row} input */
function patchField(store, field, input) {
	const name = input.field_name ?? input.name;
	if (name !== undefined) field.name = name;
	if (input.description !== undefined) field.description = input.description;
	if (input.options !== undefined && OPTION_TYPES.has(field.field_type)) field.options = buildOptions(store, input.options);
	field.update_time = v1Time();
	return field;
}

/** What every v1 field shows the same. */
const V1_FIELD_FLAGS = {
	last_updated_by_user_id: 1, created_by_user_id: 1, active_flag: true, index_visible_flag: true, details_visible_flag: true,
	add_visible_flag: true, important_flag: false, bulk_edit_allowed: true, searchable_flag: false, filtering_allowed: true, sortable_flag: true,
};

/** @param {Row} field */
function presentV1(field) {
	return {
		id: field.id, key: field.key, name: field.name, order_nr: field.id, field_type: field.field_type,
		add_time: field.add_time, update_time: field.update_time, ...V1_FIELD_FLAGS,
		edit_flag: field.is_custom_field, options: field.options, mandatory_flag: field.mandatory_flag,
	};
}

/** @param {Row} field */
function presentV2(field) {
	return {
		field_name: field.name, field_code: field.key, description: field.description, field_type: field.field_type,
		options: field.options, subfields: null, is_custom_field: field.is_custom_field, is_optional_response_field: false,
		ui_visibility: { add_visible_flag: true, details_visible_flag: true },
		important_fields: { enabled: false, stage_ids: [] },
		required_fields: { enabled: false, stage_ids: [], statuses: {} },
	};
}

/**
 * Every field of a collection; lead fields also list the deal custom fields.
 * @param {Store} store
 * @param {string} collection
 * @returns {Row[]}
 */
function fieldsOf(store, collection) {
	const own = store.all(collection);
	if (collection !== 'leadFields') return own;
	return [...own, ...store.all('dealFields').filter((field) => field.is_custom_field)];
}

/**
 * Standard fields, three custom deal fields, then each record type's own label set, kept as the options
 * of its `label_ids` field as in Pipedrive ("Working with labels"; lead labels have their own endpoint):
 * seeded after the custom fields so their option ids stay 1 to 5.
 * @param {Store} store
 */
function seedBaselineFields(store) {
	for (const [collection, standard] of Object.entries(BASELINE.standardFields)) {
		const fields = store.collection(collection);
		for (const [key, fieldType] of Object.entries(standard)) {
			fields.insert(buildField(store, collection, { key, name: labelOf(key), field_type: fieldType, is_custom_field: false }));
		}
	}
	for (const input of BASELINE.customDealFields) store.collection('dealFields').insert(buildField(store, 'dealFields', input));
	for (const [collection, options] of Object.entries(BASELINE.labelFields)) {
		const input = { key: 'label_ids', name: 'Labels', field_type: 'set', is_custom_field: false, options };
		store.collection(collection).insert(buildField(store, collection, input));
	}
}

/** @param {string} key `expected_close_date` → `Expected close date` */
function labelOf(key) {
	const words = key.replace(/_id$/, '').replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

// Checks custom field values against the field definitions, as Pipedrive does on writes:
// v2 bodies carry them in `custom_fields`, v1 bodies as top-level 40-hex keys.

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

/** @param {unknown} v */
const isText = (v) => typeof v === 'string';
/** @type {Record<string, (value: unknown) => boolean>} */
const SCALAR_TYPES = {
	varchar: isText, varchar_auto: isText, text: isText, phone: isText,
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
		case 'set': {
			if (Array.isArray(value) && value.length === 0) return 'cannot be [] (send null to clear)';
			const list = Array.isArray(value) ? value : version === 'v1' ? String(value).split(',') : null;
			return list?.every(isOption) ? null : `expects an array of option ids of [${optionIds.join(', ')}]`;
		}
		case 'monetary':
			return version === 'v1' || (isPlainObject(value) && typeof value.value === 'number') ? null : 'expects { value, currency }';
		default: {
			const check = SCALAR_TYPES[field.field_type];
			return !check || check(value) ? null : `expects a ${field.field_type} value`;
		}
	}
}

module.exports = { FIELD_COLLECTIONS, customFieldKey, buildField, patchField, presentV1, presentV2, fieldsOf, seedBaselineFields, customFieldErrors };
