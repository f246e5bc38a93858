// @ts-check
'use strict';

/**
 * v2 cursor paging and v1 offset paging over a sequence of rows. Work is proportional to the page
 * (plus the rows a filter skips): nothing copies the table.
 */

const { ApiError } = require('./http');
const { compareKeys, indexPast } = require('./store');

/** @typedef {import('./util').Row} Row */
/** @typedef {import('./store').Collection} Collection */
/** @typedef {import('./store').Id} Id */
/** @typedef {(row: Row) => boolean} Predicate */

/**
 * @typedef {object} Sequence
 * @property {number} length
 * @property {(index: number) => Row | undefined} at
 * @property {(lastId: Id, position: number, dir: 1 | -1) => number} indexAfter
 * @property {(index: number) => number | string} [keyAt] sort value at an index (sorted views only)
 * @property {(key: number | string, lastId: Id, dir: 1 | -1) => number} [indexAfterKey] keyset continuation
 */

/** `k`: the last row's sort value, for lists sorted by a field (keyset paging). @typedef {{ id?: Id, i: number, k?: number | string }} Cursor */

/** @param {Collection} collection @returns {Sequence} */
function collectionSequence(collection) {
	const ids = collection.ids();
	return {
		length: ids.length,
		at: (index) => collection.byId.get(ids[index]),
		indexAfter: (lastId, position, dir) => collection.indexAfter(lastId, position, dir),
	};
}

/**
 * Rows ordered by a field (then id). A cursor names the last row's sort value and id, so a row that
 * changes between pages moves behind the cursor and is listed again, as with a live sorted list.
 * @param {Collection} collection
 * @param {string} field
 * @param {(value: unknown) => number | string} keyOf
 * @returns {Sequence}
 */
function sortedSequence(collection, field, keyOf) {
	const { rows, keys } = collection.sortedBy(field, keyOf);
	return {
		length: rows.length,
		at: (index) => rows[index],
		indexAfter: (_lastId, position) => position,
		keyAt: (index) => keys[index],
		indexAfterKey: (key, lastId, dir) => indexPast(rows.length, (index) => compareKeys(keys[index], key) || compareKeys(rows[index].id, lastId), dir),
	};
}

/** @param {Row[]} rows @returns {Sequence} */
function arraySequence(rows) {
	return { length: rows.length, at: (index) => rows[index], indexAfter: (_lastId, position) => position };
}

/** @param {Cursor} cursor */
function encodeCursor(cursor) {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** @param {string} text @returns {Cursor} */
function decodeCursor(text) {
	try {
		const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
		if (Number.isInteger(cursor.i)) return cursor;
	} catch {
		// fall through
	}
	throw new ApiError(400, 'Invalid cursor', { violation: true });
}

/**
 * @param {Sequence} sequence
 * @param {{ from: number, dir: 1 | -1, skip: number, limit: number, predicate?: Predicate }} scanOptions
 * @returns {{ rows: Row[], resume: number, more: boolean }}
 */
function scan(sequence, { from, dir, skip, limit, predicate }) {
	let index = predicate ? from : from + skip * dir;
	let toSkip = predicate ? skip : 0;
	/** @type {Row[]} */
	const rows = [];
	const inRange = () => index >= 0 && index < sequence.length;
	for (; inRange() && rows.length < limit; index += dir) {
		const row = sequence.at(index);
		if (!row || (predicate && !predicate(row))) continue;
		if (toSkip > 0) toSkip--;
		else rows.push(row);
	}
	const resume = index;
	let more = false;
	for (; inRange() && !more; index += dir) {
		const row = sequence.at(index);
		more = Boolean(row && (!predicate || predicate(row)));
	}
	return { rows, resume, more };
}

/**
 * @param {Sequence} sequence
 * @param {{ cursor?: string, limit: number, dir: 1 | -1, predicate?: Predicate }} options
 * @returns {{ rows: Row[], nextCursor: string | null }}
 */
function cursorPage(sequence, { cursor, limit, dir, predicate }) {
	const start = dir === 1 ? 0 : sequence.length - 1;
	const decoded = cursor ? decodeCursor(cursor) : null;
	let from = start;
	if (decoded && decoded.k !== undefined && sequence.indexAfterKey) from = sequence.indexAfterKey(decoded.k, decoded.id ?? '', dir);
	else if (decoded) from = sequence.indexAfter(decoded.id ?? '', decoded.i, dir);
	const { rows, resume, more } = scan(sequence, { from, dir, skip: 0, limit, predicate });
	const last = rows[rows.length - 1];
	if (!more || !last) return { rows, nextCursor: null };
	/** @type {Cursor} */
	const next = { id: last.id, i: resume };
	if (sequence.keyAt) next.k = sequence.keyAt(resume - dir);
	return { rows, nextCursor: encodeCursor(next) };
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

/**
 * One page in the operation's documented paging style, with its `additional_data`.
 * v2 (cursor) rejects `limit` above 500; v1 (offset) caps it, as Pipedrive does.
 * @param {{ paging: 'cursor' | 'offset' | null }} op
 * @param {Record<string, any>} query typed query parameters
 * @param {Sequence} sequence
 * @param {{ predicate?: Predicate, dir?: 1 | -1 }} [options]
 * @returns {{ rows: Row[], additional: Record<string, unknown> | undefined }}
 */
function pageOf(op, query, sequence, { predicate, dir = 1 } = {}) {
	const limit = query.limit ?? DEFAULT_LIMIT;
	if (op.paging === 'cursor') {
		if (limit > MAX_LIMIT || limit < 1) {
			throw new ApiError(400, `"limit" must be between 1 and ${MAX_LIMIT}`, { violation: true });
		}
		const { rows, nextCursor } = cursorPage(sequence, { cursor: query.cursor, limit, dir, predicate });
		return { rows, additional: { next_cursor: nextCursor } };
	}
	if (op.paging === 'offset') {
		const start = query.start ?? 0;
		const capped = Math.min(limit, MAX_LIMIT);
		const { rows, more } = scan(sequence, { from: dir === 1 ? 0 : sequence.length - 1, dir, skip: start, limit: capped, predicate });
		const pagination = { start, limit: capped, more_items_in_collection: more, ...(more ? { next_start: start + rows.length } : {}) };
		return { rows, additional: { pagination } };
	}
	return { rows: scan(sequence, { from: 0, dir: 1, skip: 0, limit: Infinity, predicate }).rows, additional: undefined };
}

module.exports = { collectionSequence, sortedSequence, arraySequence, pageOf };
