// @ts-check
'use strict';

const { randomUUID } = require('crypto');

/** @typedef {import('./util').Row} Row */
/** @typedef {string | number} Id */

/**
 * One in-memory table. Rows are kept by id in a Map plus an id order array, so a page is a slice of
 * the order array: paging never copies or sorts the whole table per request.
 */
class Collection {
	/** @param {string} name @param {{ uuid?: boolean }} [options] */
	constructor(name, options = {}) {
		this.name = name;
		this.uuid = Boolean(options.uuid);
		/** @type {Map<Id, Row>} */
		this.byId = new Map();
		/** @type {Id[]} */
		this.order = [];
		this.nextId = 1;
		this.sorted = true;
		this.holes = false;
		/** Bumped on every insert, remove or in-place change: invalidates the sorted views. */
		this.version = 0;
		/** @type {Map<string, { version: number, view: SortedView }>} */
		this.sortedViews = new Map();
	}

	/** Path parameters arrive as strings; integer tables key rows by number. @param {unknown} raw */
	key(raw) {
		return this.uuid ? String(raw) : Number(raw);
	}

	/** @param {Row} row */
	insert(row) {
		if (row.id === undefined || row.id === null) row.id = this.uuid ? randomUUID() : this.nextId++;
		else if (typeof row.id === 'number' && row.id >= this.nextId) this.nextId = row.id + 1;
		if (!this.byId.has(row.id)) {
			const last = this.order.at(-1);
			if (typeof row.id === 'number' && typeof last === 'number' && row.id < last) this.sorted = false;
			this.order.push(row.id);
		}
		this.byId.set(row.id, row);
		this.version++;
		return row;
	}

	/** @param {unknown} id */
	get(id) {
		return this.byId.get(this.key(id));
	}

	/** @param {unknown} id */
	remove(id) {
		const key = this.key(id);
		const row = this.byId.get(key);
		if (!row) return undefined;
		this.byId.delete(key);
		this.holes = true;
		this.version++;
		return row;
	}

	/** The id order, compacted and sorted lazily (once after a batch of deletes or out-of-order seeds). */
	ids() {
		if (this.holes) {
			this.order = this.order.filter((id) => this.byId.has(id));
			this.holes = false;
		}
		if (!this.sorted) {
			this.order.sort((a, b) => Number(a) - Number(b));
			this.sorted = true;
		}
		return this.order;
	}

	/** @returns {Row[]} */
	all() {
		return this.ids().map((id) => /** @type {Row} */ (this.byId.get(id)));
	}

	/**
	 * Index where a scan continues after the row `lastId` (binary search for integer tables).
	 * @param {Id} lastId
	 * @param {number} position fallback position for tables not ordered by id
	 * @param {1 | -1} dir
	 */
	indexAfter(lastId, position, dir) {
		const ids = this.ids();
		if (this.uuid || typeof lastId !== 'number') return position;
		return indexPast(ids.length, (index) => compareKeys(ids[index], lastId), dir);
	}

	/** Records that a row changed in place (an update), so sorted views are rebuilt. */
	touch() {
		this.version++;
	}

	/**
	 * Rows ordered by `field`, then by id: built once per change of the table, so paging a sorted list
	 * does not sort the table for every page.
	 * @param {string} field
	 * @param {(value: unknown) => number | string} keyOf comparable sort value of a row's field
	 * @returns {SortedView}
	 */
	sortedBy(field, keyOf) {
		const cached = this.sortedViews.get(field);
		if (cached && cached.version === this.version) return cached.view;
		const rows = this.all();
		const keyed = rows.map((row) => ({ row, key: keyOf(row[field]) }));
		keyed.sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.row.id, b.row.id));
		const view = { rows: keyed.map((entry) => entry.row), keys: keyed.map((entry) => entry.key) };
		this.sortedViews.set(field, { version: this.version, view });
		return view;
	}
}

/** @typedef {{ rows: Row[], keys: Array<number | string> }} SortedView */

/** Numbers before strings; null/NaN first, as an unset value sorts first. @param {unknown} a @param {unknown} b */
function compareKeys(a, b) {
	const rank = (/** @type {unknown} */ v) => (v === null || v === undefined || Number.isNaN(v) ? 0 : typeof v === 'number' ? 1 : 2);
	const ra = rank(a);
	const rb = rank(b);
	if (ra !== rb) return ra - rb;
	if (ra === 0) return 0;
	if (ra === 1) return /** @type {number} */ (a) - /** @type {number} */ (b);
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Where a scan continues past a cursor in an ascending sequence: the first entry above it, or for a
 * descending scan the last entry below it (binary search).
 * @param {number} length
 * @param {(index: number) => number} compareToCursor negative below the cursor, 0 at it, positive above
 * @param {1 | -1} dir
 */
function indexPast(length, compareToCursor, dir) {
	let low = 0;
	let high = length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (compareToCursor(mid) <= 0) low = mid + 1;
		else high = mid;
	}
	if (dir === 1) return low;
	return low > 0 && compareToCursor(low - 1) === 0 ? low - 2 : low - 1;
}

class Store {
	/** @param {Set<string>} uuidCollections */
	constructor(uuidCollections) {
		this.uuidCollections = uuidCollections;
		/** @type {Map<string, Collection>} */
		this.collections = new Map();
		this.nextOptionId = 1;
		/** @type {Map<Id, { data: Buffer, contentType: string }>} */
		this.fileContents = new Map();
	}

	/** @param {string} name */
	collection(name) {
		if (!this.collections.has(name)) this.collections.set(name, new Collection(name, { uuid: this.uuidCollections.has(name) }));
		return /** @type {Collection} */ (this.collections.get(name));
	}

	/** @param {string} name @param {unknown} id */
	get(name, id) {
		return this.collection(name).get(id);
	}

	/** @param {string} name */
	all(name) {
		return this.collection(name).all();
	}

	clear() {
		this.collections.clear();
		this.fileContents.clear();
		this.nextOptionId = 1;
	}
}

module.exports = { Store, Collection, compareKeys, indexPast };
