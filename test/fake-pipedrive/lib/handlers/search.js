// @ts-check
'use strict';

/** `GET /<entity>/search` (v1 leads, v2 deals/persons/...) and `GET /api/v2/itemSearch`: title/name matching. */

const { ENTITIES } = require('../entities');
const { predicateFor } = require('../filters');
const { arraySequence, pageOf } = require('../paging');
const { ApiError, sendJson } = require('../http');
const { listOf } = require('../util');

/** @typedef {import('../context').Ctx} Ctx */
/** @typedef {import('./index').Call} Call */
/** @typedef {import('./index').Handler} Handler */
/** @typedef {import('../entities').Entity} Entity */
/** @typedef {import('../util').Row} Row */

/** Row properties copied into a search result item when present. */
const ITEM_PROPERTIES = ['value', 'currency', 'status', 'visible_to', 'emails', 'phones', 'code', 'address', 'is_archived'];
const SEARCHABLE = [...ENTITIES.values()].filter((entity) => entity.searchField && !entity.isField);

/** @param {Call} call */
function termOf(call) {
	const term = String(call.query.term ?? '');
	if (term.length < 2 && !call.query.exact_match) {
		throw new ApiError(400, 'Search term must be at least 2 characters long');
	}
	return term;
}

/** @param {Entity} entity @param {Row} row */
function searchItem(entity, row) {
	const field = /** @type {string} */ (entity.searchField);
	/** @type {Row} */
	const item = { id: row.id, type: entity.type, [field]: row[field] };
	for (const key of ITEM_PROPERTIES) if (row[key] !== undefined) item[key] = row[key];
	if (row.owner_id !== undefined) item.owner = { id: row.owner_id };
	return { ...item, custom_fields: [], notes: [] };
}

/** @param {Ctx} ctx @param {Entity} entity @param {Call} call @returns {Array<{ result_score: number, item: Row }>} */
function matchesIn(ctx, entity, call) {
	const needle = termOf(call).toLowerCase();
	const exact = Boolean(call.query.exact_match);
	const predicate = predicateFor(call.query);
	const results = [];
	for (const row of ctx.store.collection(entity.name).byId.values()) {
		const text = String(row[/** @type {string} */ (entity.searchField)] ?? '').toLowerCase();
		const hit = exact ? text === needle : text.includes(needle);
		if (hit && (!predicate || predicate(row))) results.push({ result_score: text === needle ? 1 : 0.5, item: searchItem(entity, row) });
	}
	return results;
}

/** @param {Call} call @param {Array<{ result_score: number, item: Row }>} results */
function respond(call, results) {
	results.sort((a, b) => b.result_score - a.result_score);
	const { rows, additional } = pageOf(call.op, call.query, arraySequence(results));
	sendJson(call.res, 200, { success: true, data: { items: rows }, additional_data: additional ?? {} });
}

/** @type {Handler} */
const itemSearch = {
	handle(ctx, call) {
		const types = call.query.item_types === undefined ? null : new Set(listOf(call.query.item_types));
		const entities = SEARCHABLE.filter((entity) => !types || types.has(entity.type));
		respond(call, entities.flatMap((entity) => matchesIn(ctx, entity, call)));
	},
};

/** @param {import('../spec').Operation} op @returns {Handler | null} */
function searchHandler(op) {
	if (op.method !== 'GET') return null;
	if (op.template === '/itemSearch') return itemSearch;
	const match = /^\/([A-Za-z]+)\/search$/.exec(op.template);
	const entity = match ? ENTITIES.get(match[1]) : undefined;
	if (!entity?.searchField) return null;
	return { handle: (ctx, call) => respond(call, matchesIn(ctx, entity, call)) };
}

module.exports = { searchHandler };
