// @ts-check
'use strict';

/** Generic stateful CRUD for every `/<entity>` and `/<entity>/{id}` operation of a known entity. */

const { ENTITIES, timeOf } = require('../entities');
const { fieldsOf, patchField, presentV1, presentV2, customFieldErrors } = require('../fields');
const { predicateFor, directionOf, sortFieldOf, sortKeyOf, savedFilterPredicate, queryUnderFilter } = require('../filters');
const { collectionSequence, sortedSequence, arraySequence, pageOf } = require('../paging');
const { ApiError, sendJson } = require('../http');
const { insertRow } = require('../seed');
const { successResponse } = require('../spec');
const { isPlainObject } = require('../util');
const { notifyWrite } = require('../webhook-delivery');

/** @typedef {import('../context').Ctx} Ctx */
/** @typedef {import('./index').Call} Call */
/** @typedef {import('./index').Handler} Handler */
/** @typedef {import('../entities').Entity} Entity */
/** @typedef {import('../util').Row} Row */

/**
 * How rows of one kind are listed, found, changed and shown.
 * @typedef {object} Adapter
 * @property {(ctx: Ctx, entity: Entity, query?: Record<string, any>) => import('../paging').Sequence} sequence
 * @property {(ctx: Ctx, entity: Entity, call: Call) => Row | undefined} find
 * @property {(ctx: Ctx, entity: Entity, row: Row, input: Row) => void} patch
 * @property {(row: Row, version: 'v1' | 'v2') => unknown} present
 */

/** @type {Adapter} */
const ROWS = {
	sequence: (ctx, entity, query) => {
		const collection = ctx.store.collection(entity.name);
		const field = query && sortFieldOf(query);
		return field ? sortedSequence(collection, field, sortKeyOf(field)) : collectionSequence(collection);
	},
	find: (ctx, entity, call) => ctx.store.collection(entity.name).get(Object.values(call.params)[0]),
	patch: (ctx, entity, row, input) => patchRow(ctx, entity, row, input),
	present: (row) => row,
};

/** @type {Adapter} */
const FIELDS = {
	sequence: (ctx, entity) => arraySequence(fieldsOf(ctx.store, entity.name)),
	find: (ctx, entity, call) => {
		const fields = fieldsOf(ctx.store, entity.name);
		const code = call.params.field_code;
		return code === undefined ? fields.find((f) => f.id === call.params.id) : fields.find((f) => f.key === code);
	},
	patch: (ctx, _entity, row, input) => patchField(ctx.store, row, input),
	present: (row, version) => (version === 'v2' ? presentV2(row) : presentV1(row)),
};

/** @param {Entity} entity */
function adapterOf(entity) {
	return entity.isField ? FIELDS : ROWS;
}

/** @param {Ctx} ctx @param {Entity} entity @param {Row} row @param {Row} input */
function patchRow(ctx, entity, row, input) {
	ctx.store.collection(entity.name).touch();
	const { custom_fields: customFields, ...rest } = input;
	Object.assign(row, rest);
	if (isPlainObject(customFields)) row.custom_fields = { ...row.custom_fields, ...customFields };
	if ('update_time' in row) row.update_time = timeOf(entity);
}

/** @param {unknown} body @returns {Row} */
function inputOf(body) {
	if (!isPlainObject(body)) return {};
	const { id, ...input } = body;
	return input;
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function existing(ctx, call, entity) {
	const adapter = adapterOf(entity);
	const row = adapter.find(ctx, entity, call);
	if (!row) throw new ApiError(404, `${entity.label} not found`);
	return { adapter, row };
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function checkCustomFields(ctx, call, entity) {
	if (!ctx.options.validate) return;
	const errors = customFieldErrors(ctx.store, entity, call.body, call.op.version);
	if (errors.length) throw new ApiError(400, errors.join('; '), { violation: true });
}

/**
 * Rows a list shows before any query filter: v2 deal lists hide archived deals (`/deals/archived` shows
 * only those) and, unless `status` asks for them, deleted ones.
 * @param {Call} call @param {Entity} entity @param {Record<string, any>} query
 * @returns {((row: Row) => boolean) | undefined}
 */
function scopeOf(call, entity, query) {
	if (entity.name !== 'deals' || call.op.version !== 'v2') return undefined;
	const archived = call.op.template === '/deals/archived';
	const deletedWanted = String(query.status ?? '').split(',').includes('deleted');
	return (row) => Boolean(row.is_archived) === archived && (deletedWanted || row.status !== 'deleted');
}

/** @param {...(((row: Row) => boolean) | undefined)} predicates */
function allOf(...predicates) {
	const present = /** @type {Array<(row: Row) => boolean>} */ (predicates.filter(Boolean));
	if (present.length <= 1) return present[0];
	return (/** @type {Row} */ row) => present.every((predicate) => predicate(row));
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function list(ctx, call, entity) {
	const adapter = adapterOf(entity);
	const query = queryUnderFilter(call.op, call.query);
	const saved = query.filter_id !== undefined && !entity.isField ? savedFilterPredicate(ctx, entity.name, query.filter_id) : undefined;
	const { rows, additional } = pageOf(call.op, query, adapter.sequence(ctx, entity, query), {
		predicate: allOf(scopeOf(call, entity, query), predicateFor(query), saved),
		dir: directionOf(query),
	});
	const data = rows.map((row) => adapter.present(row, call.op.version));
	sendJson(call.res, 200, additional ? { success: true, data, additional_data: additional } : { success: true, data });
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function get(ctx, call, entity) {
	const { adapter, row } = existing(ctx, call, entity);
	sendJson(call.res, 200, { success: true, data: adapter.present(row, call.op.version) });
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function create(ctx, call, entity) {
	checkCustomFields(ctx, call, entity);
	const row = insertRow(ctx, entity, inputOf(call.body));
	sendJson(call.res, call.op.successStatus, { success: true, data: adapterOf(entity).present(row, call.op.version) });
	notifyWrite(ctx, entity, 'create', row, null);
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function update(ctx, call, entity) {
	const { adapter, row } = existing(ctx, call, entity);
	checkCustomFields(ctx, call, entity);
	const input = inputOf(call.body);
	// Webhooks compare the row before and after the write.
	const before = ctx.options.autoWebhooks ? structuredClone(row) : null;
	adapter.patch(ctx, entity, row, input);
	sendJson(call.res, 200, { success: true, data: adapter.present(row, call.op.version) });
	notifyWrite(ctx, entity, 'change', row, before);
}

/** @param {Ctx} ctx @param {Call} call @param {Entity} entity */
function remove(ctx, call, entity) {
	const { adapter, row } = existing(ctx, call, entity);
	ctx.store.collection(entity.name).remove(row.id);
	sendJson(call.res, 200, { success: true, data: deleteResult(call, row, adapter) });
	notifyWrite(ctx, entity, 'delete', null, row);
}

/**
 * What a delete returns, in the shape of the spec's example: `true`, `{ id }` or the deleted item.
 * @param {Call} call @param {Row} row @param {Adapter} adapter
 */
function deleteResult(call, row, adapter) {
	const example = /** @type {any} */ (successResponse(call.op).example)?.data;
	if (example === true) return true;
	if (isPlainObject(example) && Object.keys(example).length > 1) return adapter.present(row, call.op.version);
	return { id: row.id };
}

/** @type {Record<string, (ctx: Ctx, call: Call, entity: Entity) => void>} */
const ITEM_ACTIONS = { GET: get, PUT: update, PATCH: update, DELETE: remove };
/** @type {Record<string, (ctx: Ctx, call: Call, entity: Entity) => void>} */
const COLLECTION_ACTIONS = { GET: list, POST: create };

/** @param {import('../spec').Operation} op @returns {Handler | null} */
function crudHandler(op) {
	const match = /^\/([A-Za-z]+)(\/\{[^}]+\})?$/.exec(op.template);
	const entity = match ? ENTITIES.get(match[1]) : undefined;
	if (!match || !entity) return null;
	const action = (match[2] ? ITEM_ACTIONS : COLLECTION_ACTIONS)[op.method];
	return action ? { handle: (ctx, call) => action(ctx, call, entity) } : null;
}

/** `GET /api/v2/deals/archived`: the deals list, archived deals only. @type {Handler} */
const archivedDeals = { handle: (ctx, call) => list(ctx, call, /** @type {Entity} */ (ENTITIES.get('deals'))) };

module.exports = { crudHandler, archivedDeals };
