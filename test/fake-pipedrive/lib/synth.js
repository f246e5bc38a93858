// @ts-check
'use strict';

/** Spec-shaped bodies for operations the fake has no state for, and row templates for those it has. */

const { successResponse } = require('./spec');
const { isPlainObject } = require('./util');

/** @typedef {import('./schema').Schema} Schema */
/** @typedef {import('./spec').Operation} Operation */
/** @typedef {import('./spec').RouteTable} RouteTable */

const MAX_DEPTH = 6;

/** @type {Record<string, unknown>} */
const SCALARS = { string: 'text', integer: 1, number: 1, boolean: true };
/** @type {Record<string, string>} */
const FORMATTED = { date: '2026-01-01', 'date-time': '2026-01-01T00:00:00Z', uuid: '00000000-0000-4000-8000-000000000000' };

/**
 * The smallest value that fits a normalised schema.
 * @param {Schema} schema
 * @param {number} [depth]
 * @returns {unknown}
 */
function synthesize(schema, depth = 0) {
	if (schema.example !== undefined) return schema.example;
	if (Array.isArray(schema.enum)) return schema.enum[0];
	const alternative = (schema.oneOf ?? schema.anyOf)?.[0];
	if (alternative) return synthesize(alternative, depth);
	if (schema.type === 'array') return [];
	if (schema.type === 'object' || schema.properties) {
		const properties = depth < MAX_DEPTH ? Object.entries(schema.properties ?? {}) : [];
		return Object.fromEntries(properties.map(([name, child]) => [name, synthesize(child, depth + 1)]));
	}
	if (schema.type === 'string' && FORMATTED[schema.format]) return FORMATTED[schema.format];
	return SCALARS[schema.type] ?? null;
}

/** @type {WeakMap<Operation, string>} */
const bodies = new WeakMap();

/**
 * The response body for an operation without state: the spec's example, else a synthesized object.
 * Serialised once per operation.
 * @param {Operation} op
 */
function cannedBody(op) {
	let body = bodies.get(op);
	if (body === undefined) {
		const { schema, example } = successResponse(op);
		body = JSON.stringify(example !== undefined ? example : synthesize(schema));
		bodies.set(op, body);
	}
	return body;
}

/**
 * The `data` item schema of an operation's success response (array items unwrapped).
 * @param {Operation} op
 * @returns {Schema | null}
 */
function dataSchema(op) {
	const data = successResponse(op).schema.properties?.data;
	if (!data) return null;
	return data.type === 'array' ? data.items ?? null : data;
}

/**
 * A row template with every property the spec documents for an entity, so stored rows serialise in
 * the documented shape: arrays empty, booleans false, `custom_fields` empty, anything else null.
 * @param {RouteTable} routes
 * @param {string} collection e.g. `deals`
 * @returns {Record<string, unknown>}
 */
function rowTemplate(routes, collection) {
	const candidates = [
		`v2 GET /${collection}/{id}`,
		`v1 GET /${collection}/{id}`,
		`v2 POST /${collection}`,
		`v1 POST /${collection}`,
	];
	for (const key of candidates) {
		const op = routes.byKey.get(key);
		const schema = op && dataSchema(op);
		if (schema?.properties) return Object.fromEntries(Object.entries(schema.properties).map(([name, child]) => [name, emptyValue(name, child)]));
	}
	return {};
}

/** @param {string} name @param {Schema} schema */
function emptyValue(name, schema) {
	if (name === 'custom_fields') return {};
	if (schema.default !== undefined && !isPlainObject(schema.default)) return schema.default;
	if (schema.type === 'array') return [];
	if (schema.type === 'boolean') return false;
	return null;
}

module.exports = { synthesize, cannedBody, rowTemplate, dataSchema };
