// @ts-check
'use strict';

/** Inserting rows: the one path for seeds and for POSTs, so both get the documented row shape. */

const { entityFor } = require('./entities');
const { buildField, seedBaselineFields } = require('./fields');
const BASELINE = require('./baseline.json');

/** @typedef {import('./util').Row} Row */
/** @typedef {import('./context').Ctx} Ctx */

/** @param {Ctx} ctx @param {import('./entities').Entity} entity @param {Row} input @param {Date} [now] */
function insertRow(ctx, entity, input, now) {
	const row = entity.isField ? buildField(ctx.store, entity.name, input) : ctx.rows.build(entity, input, now);
	return ctx.store.collection(entity.name).insert(row);
}

/** @param {Ctx} ctx @param {string} collection @param {Row[]} inputs */
function seed(ctx, collection, inputs) {
	const entity = entityFor(collection);
	const now = new Date();
	return inputs.map((input) => insertRow(ctx, entity, { ...input }, now));
}

/**
 * @param {Ctx} ctx
 * @param {string} collection
 * @param {number} count
 * @param {(i: number) => Row} [make] called with 1..count
 */
function seedMany(ctx, collection, count, make = () => ({})) {
	const entity = entityFor(collection);
	const now = new Date();
	/** @type {Row[]} */
	const rows = new Array(count);
	for (let i = 1; i <= count; i++) rows[i - 1] = insertRow(ctx, entity, make(i), now);
	return rows;
}

/**
 * What every fresh fake holds (baseline.json): user 1, two pipelines (the second's stage ids, names and
 * order_nr disagree, as after reordering in Pipedrive), one saved filter per filter type, and the fields.
 * @param {Ctx} ctx
 */
function seedBaseline(ctx) {
	seedBaselineFields(ctx.store);
	for (const [collection, rows] of Object.entries(BASELINE.rows)) seed(ctx, collection, rows);
}

module.exports = { insertRow, seed, seedMany, seedBaseline };
