// @ts-check
'use strict';

/** Checks a request against its operation: path and query parameters, and the request body. */

const { normalizeSchema, validateValue, validateParameter, coerceString } = require('./schema');
const { isPlainObject } = require('./util');

/** @typedef {import('./spec').Operation} Operation */
/** @typedef {import('./spec').Parameter} Parameter */
/** @typedef {import('./http').ParsedBody} ParsedBody */
/** @typedef {import('./schema').Schema} Schema */

/**
 * @typedef {object} PreparedRequest
 * @property {Record<string, any>} params typed path parameters
 * @property {Record<string, any>} query typed query parameters
 * @property {any} body typed body (multipart: `{ fields, files }`)
 * @property {string[]} errors spec violations
 */

/**
 * @param {Operation} op
 * @param {Record<string, string>} rawParams
 * @param {Record<string, string | string[]>} rawQuery
 * @param {ParsedBody} parsed
 * @returns {PreparedRequest}
 */
function prepareRequest(op, rawParams, rawQuery, parsed) {
	/** @type {string[]} */
	const errors = [];
	const params = coerceParameters(op.pathParams, rawParams, errors);
	const query = coerceParameters([...op.queryParams.values()], rawQuery, errors);
	for (const name of Object.keys(rawQuery)) {
		// api_token has its own violation (pipeline.js).
		if (!op.queryParams.has(name) && name !== 'api_token') errors.push(`query parameter "${name}" is not allowed`);
	}
	const body = prepareBody(op, parsed, errors);
	return { params, query, body, errors };
}

/** @param {Parameter[]} declared @param {Record<string, string | string[]>} raw @param {string[]} errors */
function coerceParameters(declared, raw, errors) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const param of declared) {
		const value = raw[param.name];
		if (value === undefined || value === '') {
			if (param.required) errors.push(`${param.in} parameter "${param.name}" is required`);
			continue;
		}
		const coerced = coerceString(param.schema, value);
		out[param.name] = coerced.value;
		if (coerced.error) errors.push(`"${param.name}" ${coerced.error}`);
		else errors.push(...validateParameter(param.schema, coerced.value, param.name));
	}
	return out;
}

/** @param {ParsedBody} parsed */
function hasContent(parsed) {
	if (parsed.kind === 'empty') return false;
	return !(parsed.kind === 'json' && isPlainObject(parsed.value) && Object.keys(parsed.value).length === 0);
}

/** @type {Record<ParsedBody['kind'], string[]>} */
const MEDIA_FOR_KIND = {
	json: ['application/json', 'application/x-www-form-urlencoded'],
	form: ['application/x-www-form-urlencoded'],
	multipart: ['multipart/form-data'],
	other: [],
	empty: [],
};

/** @param {Operation} op @param {ParsedBody} parsed @param {string[]} errors */
function prepareBody(op, parsed, errors) {
	if (parsed.error) {
		errors.push(parsed.error);
		return parsed.value;
	}
	const spec = op.requestBody;
	if (!spec) {
		if (hasContent(parsed)) errors.push('this operation does not take a request body');
		return parsed.value;
	}
	if (parsed.kind === 'empty') {
		if (spec.required) errors.push('request body is required');
		return undefined;
	}
	const mediaType = MEDIA_FOR_KIND[parsed.kind].find((type) => spec.content?.[type]);
	if (!mediaType) {
		errors.push(`request content type is not accepted; expected ${Object.keys(spec.content ?? {}).join(' or ')}`);
		return parsed.value;
	}
	const schema = normalizeSchema(spec.content[mediaType].schema);
	if (parsed.kind === 'multipart') return prepareMultipart(schema, parsed.value, errors);
	const body = parsed.kind === 'form' ? coerceFields(schema, parsed.value) : parsed.value;
	validateValue(schema, body, '', errors, { allowHashKeys: op.version === 'v1' });
	return body;
}

/**
 * Form and multipart values are strings: give them the schema's types before validating.
 * @param {Schema} schema
 * @param {Record<string, any>} fields
 */
function coerceFields(schema, fields) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, value] of Object.entries(fields)) {
		const property = schema.properties?.[name];
		out[name] = property ? coerceString(property, value).value : value;
	}
	return out;
}

/** @param {Schema} schema @param {import('./http').MultipartBody} body @param {string[]} errors */
function prepareMultipart(schema, body, errors) {
	const fields = coerceFields(schema, body.fields);
	const fileFields = new Set(body.files.map((file) => file.field));
	for (const name of schema.required ?? []) {
		if (fields[name] === undefined && !fileFields.has(name)) errors.push(`"${name}" is required`);
	}
	const textSchema = { ...schema, required: [] };
	validateValue(textSchema, fields, '', errors);
	return { fields, files: body.files };
}

module.exports = { prepareRequest };
