// @ts-check
'use strict';

/**
 * Schemas of the OpenAPI 3.0 specs: `allOf` flattened here, validation by ajv with Pipedrive's wording,
 * and coercion of string parameters (query, path, form) to their types.
 */

const Ajv = require('ajv').default;
const { isPlainObject } = require('./util');

/** @typedef {Record<string, any>} Schema */
/** @typedef {{ allowHashKeys?: boolean }} ValidateOptions */

const HASH_KEY = /^[0-9a-f]{40}(_[a-z_]+)?$/;

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
	if (a.properties || b.properties) {
		out.properties = { ...a.properties };
		for (const [name, child] of Object.entries(b.properties ?? {})) out.properties[name] = out.properties[name] ? mergeSchemas(out.properties[name], child) : child;
	}
	if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
	if (a.additionalProperties === true || b.additionalProperties === true) out.additionalProperties = true;
	if (a.nullable || b.nullable) out.nullable = true;
	return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, logger: false, verbose: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', (v) => !Number.isNaN(Date.parse(v)));
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** @type {WeakMap<Schema, Schema>[]} a normalised schema's JSON Schema form, without and with v1 hash keys */
const jsonMemo = [new WeakMap(), new WeakMap()];

/**
 * The fake's reading of a normalised OpenAPI schema as JSON Schema: objects with `properties` are closed,
 * `oneOf` passes when any branch does, and null passes (skipping every other check) unless a type forbids it.
 * @param {Schema} schema
 * @param {boolean} [hashKeys] allow v1 custom-field hash keys on this (top-level) object
 * @returns {Schema}
 */
function toJsonSchema(schema, hashKeys = false) {
	const cached = jsonMemo[+hashKeys].get(schema);
	if (cached) return cached;
	const { nullable, oneOf, ...out } = schema;
	if (oneOf) out.anyOf = oneOf;
	for (const key of ['properties', 'patternProperties']) {
		if (out[key]) out[key] = Object.fromEntries(Object.entries(out[key]).map(([name, child]) => [name, toJsonSchema(child)]));
	}
	if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
	if (isPlainObject(out.additionalProperties)) out.additionalProperties = toJsonSchema(out.additionalProperties);
	if (out.items) out.items = toJsonSchema(out.items);
	if (out.anyOf) out.anyOf = out.anyOf.map((/** @type {Schema} */ branch) => toJsonSchema(branch));
	if (hashKeys) out.patternProperties = { ...out.patternProperties, [HASH_KEY.source]: true };
	const result = nullable || out.type === undefined ? { if: { type: 'null' }, else: out } : out;
	jsonMemo[+hashKeys].set(schema, result);
	return result;
}

/** @type {Record<string, (params: Record<string, any>) => string>} Joi-style wording, as Pipedrive words its errors */
const MESSAGES = {
	type: (p) => `must be a ${p.type}`,
	enum: (p) => `must be one of [${p.allowedValues.join(', ')}]`,
	format: (p) => `must be a valid ${p.format}`,
	anyOf: () => 'does not match any of the allowed schemas',
	maxLength: (p) => `length must be less than or equal to ${p.limit} characters long`,
	minLength: (p) => `length must be at least ${p.limit} characters long`,
	minimum: (p) => `must be >= ${p.limit}`,
	maximum: (p) => `must be <= ${p.limit}`,
	maxItems: (p) => `must contain at most ${p.limit} items`,
	minItems: (p) => `must contain at least ${p.limit} items`,
	minProperties: (p) => `must have at least ${p.limit} properties`,
};

/**
 * Validates `value` against a normalised schema, pushing one message per violation: missing required
 * properties first, and only the outermost failure where a value has the wrong type or matches no branch.
 * @param {Schema} schema
 * @param {unknown} value
 * @param {string} at
 * @param {string[]} errors
 * @param {ValidateOptions} [options]
 */
function validateValue(schema, value, at, errors, options = {}) {
	const validate = ajv.compile(toJsonSchema(schema, options.allowHashKeys));
	if (validate(value)) return;
	const all = validate.errors ?? [];
	const stops = all.filter((e) => e.keyword === 'type' || e.keyword === 'anyOf');
	const shown = all.filter((e) => e.keyword !== 'if' && !stops.some((stop) => stop !== e && isInside(e, stop)));
	const rank = (/** @type {import('ajv').ErrorObject} */ e) => (e.keyword === 'required' ? 0 : 1);
	for (const e of shown.sort((a, b) => rank(a) - rank(b))) errors.push(message(e, at));
}

/**
 * Whether `stop` (a type or anyOf failure) already covers error `e`: anything inside the same value,
 * and at the value itself everything but a no-branch-matched failure, which is worded first.
 * @param {import('ajv').ErrorObject} e
 * @param {import('ajv').ErrorObject} stop
 */
function isInside(e, stop) {
	if (e.instancePath === stop.instancePath) return stop.keyword === 'anyOf' || e.keyword !== 'anyOf';
	return e.instancePath.startsWith(`${stop.instancePath}/`);
}

/** @param {import('ajv').ErrorObject} e @param {string} at */
function message(e, at) {
	const path = e.instancePath.split('/').slice(1).reduce((out, part) => {
		const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
		return /^\d+$/.test(name) ? `${out}[${name}]` : join(out, name);
	}, at);
	if (e.keyword === 'required') return `${label(join(path, e.params.missingProperty))} is required`;
	if (e.keyword === 'additionalProperties') return `${label(join(path, e.params.additionalProperty))} is not allowed`;
	if (e.keyword === 'type' && e.data === null) return `${label(path)} must not be null`;
	return `${label(path)} ${MESSAGES[e.keyword]?.(e.params) ?? e.message}`;
}

/** @param {string} at @param {string} name */
function join(at, name) {
	return at ? `${at}.${name}` : name;
}

/** @param {string} at */
function label(at) {
	return at ? `"${at}"` : 'value';
}

/** @type {Record<string, (raw: string) => unknown>} a string as the type, undefined when it is not one */
const PARSERS = {
	integer: (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : undefined),
	number: (raw) => (raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined),
	boolean: (raw) => (raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : undefined),
};

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
	const parse = PARSERS[schema.type];
	const value = parse ? parse(String(raw)) : String(raw);
	return value === undefined ? { value: raw, error: `must be ${schema.type === 'integer' ? 'an' : 'a'} ${schema.type}` } : { value };
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
