// @ts-check
'use strict';

/**
 * What a process holds, by kind of object (the pending scenario): a V8 heap snapshot summarised as self
 * size and count per `type:name` (all strings together), and the growth between two summaries.
 */

const fs = require('fs');
const v8 = require('v8');
const { gc } = require('./memory');

/**
 * Writes a heap snapshot of this process (after a full GC) to `file`, summarises it and deletes it.
 * @param {string} file @returns {Map<string, { count: number, size: number }>}
 */
function snapshotSummary(file) {
	gc();
	v8.writeHeapSnapshot(file);
	try {
		return summarise(JSON.parse(fs.readFileSync(file, 'utf8')));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** @param {any} snapshot parsed .heapsnapshot @returns {Map<string, { count: number, size: number }>} */
function summarise(snapshot) {
	const meta = snapshot.snapshot.meta;
	const fields = meta.node_fields;
	const width = fields.length;
	const typeAt = fields.indexOf('type');
	const nameAt = fields.indexOf('name');
	const sizeAt = fields.indexOf('self_size');
	const typeNames = meta.node_types[typeAt];
	const { nodes, strings } = snapshot;
	/** @type {Map<string, { count: number, size: number }>} */
	const byKind = new Map();
	for (let i = 0; i < nodes.length; i += width) {
		const type = typeNames[nodes[i + typeAt]];
		const key = STRING_TYPES.has(type) ? 'string' : type === 'number' || type === 'code' ? type : `${type}:${strings[nodes[i + nameAt]]}`;
		const entry = byKind.get(key) ?? { count: 0, size: 0 };
		entry.count++;
		entry.size += nodes[i + sizeAt];
		byKind.set(key, entry);
	}
	return byKind;
}

/**
 * The kinds that grew most from `before` to `after`, per `per` (e.g. per pending item).
 * @param {Map<string, { count: number, size: number }>} before
 * @param {Map<string, { count: number, size: number }>} after
 * @param {number} per
 * @param {number} [top]
 */
function growth(before, after, per, top = 15) {
	const rows = [];
	let total = 0;
	for (const [kind, now] of after) {
		const was = before.get(kind) ?? { count: 0, size: 0 };
		const size = now.size - was.size;
		total += size;
		if (size > 0) rows.push({ kind, bytesPerItem: size / per, countPerItem: (now.count - was.count) / per });
	}
	for (const [kind, was] of before) if (!after.has(kind)) total -= was.size;
	rows.sort((a, b) => b.bytesPerItem - a.bytesPerItem);
	return { totalPerItem: total / per, rows: rows.slice(0, top) };
}

module.exports = { snapshotSummary, growth };
