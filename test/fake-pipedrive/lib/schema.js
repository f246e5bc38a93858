// @ts-check
'use strict';

/**
 * The OpenAPI 3.0 subset the Pipedrive specs use: type, enum, required, properties, items, nullable,
 * oneOf/anyOf/allOf, format, additionalProperties, min/max(Length|Items), minimum/maximum.
 */

const { isPlainObject } = require('./util');

/** @typedef {Record<string, any>} Schema */
/** @typedef {{ allowHashKeys?: boolean }} ValidateOptions */

const HASH_KEY = /^[0-9a-f]{40}(_[a-z_]+)?$/;

/** @type {Record<string, (value: unknown) => boolean>} */
const TYPE_CHECKS = {
	string: (v) => typeof v === 'string',
	integer: (v) => Number.isInteger(v),
	number: (v) => typeof v === 'number' && Number.isFinite(v),
	boolean: (v) => typeof v === 'boolean',
	array: (v) => Array.isArray(v),
	object: isPlainObject,
};

/** @type {Record<string, (value: string) => boolean>} */
const FORMAT_CHECKS = {
	date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
	'date-time': (v) => !Number.isNaN(Date.parse(v)),
	uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
};

/** @type {WeakMap<Schema, Schema>} a raw schema's normalised form; a normalised schema maps to itself */
const memo = new WeakMap();

/**
 * Flattens `allOf` into one schema (properties and required merged, extra properties allowed when any
 * branch allows them), so unknown-property checks see every branch's properties. Memoised.
 * @param {Schema | undefined} schema
 * @returns {Schema}
 */
function normalizeSchema(schema) {
	if (!isPlainObject(schema)) return {};
	const cached = memo.get(schema);
	if (cached) return cached;
	const { allOf, ...rest } = schema;
	/** @type {Schema} */
	let out = rest;
	for (const branch of allOf ?? []) out = mergeSchemas(out, normalizeSchema(branch));
	out = normalizeChildren(out);
	memo.set(schema, out).set(out, out);
	return out;
}

/** @param {Schema} schema */
function normalizeChildren(schema) {
	const out = { ...schema };
	if (out.properties) {
		out.properties = Object.fromEntries(
			Object.entries(out.properties).map(([name, child]) => [name, normalizeSchema(child)]),
		);
	}
	if (out.items) out.items = normalizeSchema(out.items);
	if (isPlainObject(out.additionalProperties)) out.additionalProperties = normalizeSchema(out.additionalProperties);
	for (const key of ['oneOf', 'anyOf']) if (out[key]) out[key] = out[key].map(normalizeSchema);
	return out;
}

/** @param {Schema} a @param {Schema} b @returns {Schema} */
function mergeSchemas(a, b) {
	const out = { ...b, ...a };
	if (a.properties || b.properties) out.properties = mergeProperties(a.properties ?? {}, b.properties ?? {});
	if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
	if (a.additionalProperties === true || b.additionalProperties === true) out.additionalProperties = true;
	if (a.nullable || b.nullable) out.nullable = true;
	return out;
}

/** @param {Record<string, Schema>} a @param {Record<string, Schema>} b */
function mergeProperties(a, b) {
	const out = { ...a };
	for (const [name, schema] of Object.entries(b)) out[name] = out[name] ? mergeSchemas(out[name], schema) : schema;
	return out;
}

/**
 * Validates `value` against a normalised schema, pushing Joi-style messages (as Pipedrive words them).
 * @param {Schema} schema
 * @param {unknown} value
 * @param {string} at
 * @param {string[]} errors
 * @param {ValidateOptions} [options]
 */
function validateValue(schema, value, at, errors, options = {}) {
	if (value === null) {
		if (!schema.nullable && schema.type !== undefined) errors.push(`${label(at)} must not be null`);
		return;
	}
	const alternatives = schema.oneOf ?? schema.anyOf;
	if (alternatives && !alternatives.some((/** @type {Schema} */ alt) => isValid(alt, value, at, options))) {
		errors.push(`${label(at)} does not match any of the allowed schemas`);
		return;
	}
	if (schema.type && TYPE_CHECKS[schema.type] && !TYPE_CHECKS[schema.type](value)) {
		errors.push(`${label(at)} must be a ${schema.type}`);
		return;
	}
	checkEnum(schema, value, at, errors);
	checkScalar(schema, value, at, errors);
	if (Array.isArray(value)) checkArray(schema, value, at, errors);
	else if (isPlainObject(value)) checkObject(schema, value, at, errors, options);
}

/** @param {Schema} schema @param {unknown} value @param {string} at @param {ValidateOptions} options */
function isValid(schema, value, at, options) {
	/** @type {string[]} */
	const errors = [];
	validateValue(schema, value, at, errors, options);
	return errors.length === 0;
}

/** @param {Schema} schema @param {unknown} value @param {string} at @param {string[]} errors */
function checkEnum(schema, value, at, errors) {
	if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
		errors.push(`${label(at)} must be one of [${schema.enum.join(', ')}]`);
	}
}

/** @param {Schema} schema @param {unknown} value @param {string} at @param {string[]} errors */
function checkScalar(schema, value, at, errors) {
	if (typeof value === 'string') {
		const format = FORMAT_CHECKS[schema.format];
		if (format && !format(value)) errors.push(`${label(at)} must be a valid ${schema.format}`);
		if (schema.maxLength !== undefined && value.length > schema.maxLength) {
			errors.push(`${label(at)} length must be less than or equal to ${schema.maxLength} characters long`);
		}
		if (schema.minLength !== undefined && value.length < schema.minLength) {
			errors.push(`${label(at)} length must be at least ${schema.minLength} characters long`);
		}
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${label(at)} must be >= ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${label(at)} must be <= ${schema.maximum}`);
	}
}

/** @param {Schema} schema @param {unknown[]} value @param {string} at @param {string[]} errors */
function checkArray(schema, value, at, errors) {
	if (schema.maxItems !== undefined && value.length > schema.maxItems) {
		errors.push(`${label(at)} must contain at most ${schema.maxItems} items`);
	}
	if (schema.minItems !== undefined && value.length < schema.minItems) {
		errors.push(`${label(at)} must contain at least ${schema.minItems} items`);
	}
	if (schema.items) value.forEach((item, i) => validateValue(schema.items, item, `${at}[${i}]`, errors));
}

/**
 * @param {Schema} schema
 * @param {Record<string, unknown>} value
 * @param {string} at
 * @param {string[]} errors
 * @param {ValidateOptions} options
 */
function checkObject(schema, value, at, errors, options) {
	for (const name of schema.required ?? []) {
		if (value[name] === undefined) errors.push(`${label(join(at, name))} is required`);
	}
	if (schema.minProperties !== undefined && Object.keys(value).length < schema.minProperties) {
		errors.push(`${label(at)} must have at least ${schema.minProperties} properties`);
	}
	for (const [name, child] of Object.entries(value)) {
		if (child === undefined) continue;
		const propertySchema = schema.properties?.[name];
		if (propertySchema) validateValue(propertySchema, child, join(at, name), errors);
		else checkExtraProperty(schema, name, child, at, errors, options);
	}
}

/**
 * @param {Schema} schema
 * @param {string} name
 * @param {unknown} child
 * @param {string} at
 * @param {string[]} errors
 * @param {ValidateOptions} options
 */
function checkExtraProperty(schema, name, child, at, errors, options) {
	const extra = schema.additionalProperties;
	if (isPlainObject(extra)) validateValue(normalizeSchema(extra), child, join(at, name), errors);
	else if (extra === true || !schema.properties) return;
	else if (options.allowHashKeys && at === '' && HASH_KEY.test(name)) return;
	else errors.push(`${label(join(at, name))} is not allowed`);
}

/** @param {string} at @param {string} name */
function join(at, name) {
	return at ? `${at}.${name}` : name;
}

/** @param {string} at */
function label(at) {
	return at ? `"${at}"` : 'value';
}

/**
 * Turns a string from a query, path, form or multipart field into the schema's type.
 * @param {Schema} schema normalised
 * @param {unknown} raw string or string[] (repeated query keys)
 * @returns {{ value: unknown, error?: string }}
 */
function coerceString(schema, raw) {
	if (schema.type === 'array') {
		const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
		const items = parts.map((part) => coerceString(schema.items ?? {}, part));
		const failed = items.find((item) => item.error);
		return failed ? { value: raw, error: failed.error } : { value: items.map((item) => item.value) };
	}
	if (Array.isArray(raw)) return { value: raw, error: 'must not be repeated' };
	return coerceScalar(schema, String(raw));
}

/** @param {Schema} schema @param {string} raw @returns {{ value: unknown, error?: string }} */
function coerceScalar(schema, raw) {
	switch (schema.type) {
		case 'integer':
			return /^-?\d+$/.test(raw) ? { value: Number(raw) } : { value: raw, error: 'must be an integer' };
		case 'number':
			return raw.trim() !== '' && Number.isFinite(Number(raw)) ? { value: Number(raw) } : { value: raw, error: 'must be a number' };
		case 'boolean':
			return coerceBoolean(raw);
		default:
			return { value: raw };
	}
}

/** @param {string} raw @returns {{ value: unknown, error?: string }} */
function coerceBoolean(raw) {
	if (raw === 'true' || raw === '1') return { value: true };
	if (raw === 'false' || raw === '0') return { value: false };
	return { value: raw, error: 'must be a boolean' };
}

/**
 * Validates a coerced parameter. String enums accept comma separated lists, as Pipedrive does
 * (`status=open,won`, `fields=title,notes`).
 * @param {Schema} schema
 * @param {unknown} value
 * @param {string} name
 * @returns {string[]}
 */
function validateParameter(schema, value, name) {
	/** @type {string[]} */
	const errors = [];
	if (schema.type === 'string' && Array.isArray(schema.enum) && typeof value === 'string') {
		// v1 `sort` enumerates field names while its description documents `field_name ASC|DESC` parts.
		const valueOf = (/** @type {string} */ part) => (name === 'sort' ? part.trim().replace(/\s+(ASC|DESC)$/i, '') : part);
		const bad = value.split(',').filter((part) => !schema.enum.includes(valueOf(part)));
		if (bad.length) errors.push(`"${name}" must be one of [${schema.enum.join(', ')}]`);
		return errors;
	}
	validateValue(schema, value, name, errors);
	return errors;
}

module.exports = { normalizeSchema, validateValue, validateParameter, coerceString, HASH_KEY };
