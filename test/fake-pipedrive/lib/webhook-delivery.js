// @ts-check
'use strict';

/**
 * Outgoing webhook deliveries, as Pipedrive makes them: JSON POST with the registration's Basic auth,
 * a failure on non-2xx or timeout, then up to 3 retries. Only loopback URLs are ever contacted.
 * The payloads API writes make (`eventForWrite`) are built at the end of this file.
 */

const http = require('http');
const { randomUUID } = require('crypto');
const { fieldsOf } = require('./fields');
const { HASH_KEY } = require('./schema');
const { isPlainObject, listOf } = require('./util');

/** @typedef {import('./context').Ctx} Ctx */
/** @typedef {import('./util').Row} Row */
/** @typedef {import('./entities').Entity} Entity */
/** @typedef {import('./store').Store} Store */

/**
 * @typedef {object} WebhookEvent
 * @property {string} object `deal`, `person`, ...
 * @property {'create' | 'change' | 'delete'} action
 * @property {Row | null} [data] current state (null on delete)
 * @property {Row | null} [previous] changed fields' old values (null on create)
 * @property {Row} [meta] overrides of meta fields
 * @property {{ current: Row | null, previous: Row | null }} [v1] what a legacy (1.0) webhook gets, when it
 *   differs from `data`/`previous` (API writes: whole former record, custom fields as hash keys)
 */

/**
 * @typedef {object} Delivery
 * @property {number | string | null} webhookId null for deliverRaw
 * @property {string} url
 * @property {number} status HTTP status, 0 when no response
 * @property {number} attempt 1..4
 * @property {unknown} body the payload sent
 * @property {Record<string, string>} headers the headers sent
 * @property {string} [eventId] meta.id
 * @property {string} [error] network error, timeout or refusal
 * @property {string} [responseBody]
 */

const V1_ACTIONS = { create: 'added', change: 'updated', delete: 'deleted' };
/** A delivery fails after this. */
const DELIVERY_TIMEOUT_MS = 10000;
const LOOPBACK = /^(127\.[\d.]+|localhost|::1|\[::1\])$/;

/**
 * Makes one delivery attempt and records it in `ctx.deliveries`.
 * @param {Ctx} ctx
 * @param {Omit<Delivery, 'status'>} attempt
 * @param {string} [method]
 * @returns {Promise<Delivery>}
 */
async function send(ctx, attempt, method = 'POST') {
	const delivery = { ...attempt, ...(await post(ctx, attempt.url, { method, headers: attempt.headers, body: attempt.body })) };
	ctx.deliveries.push(delivery);
	return delivery;
}

/**
 * @param {Ctx} ctx
 * @param {string} target
 * @param {{ method: string, headers: Record<string, string>, body?: unknown }} options
 * @returns {Promise<{ status: number, responseBody?: string, error?: string }>}
 */
function post(ctx, target, { method, headers, body }) {
	if (!URL.canParse(target)) return Promise.resolve({ status: 0, error: 'invalid URL' });
	const url = new URL(target);
	if (url.protocol !== 'http:' || !LOOPBACK.test(url.hostname)) return Promise.resolve({ status: 0, error: 'refused: the fake only delivers to http:// loopback addresses' });
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? {});
	return new Promise((resolve) => {
		const options = { method, headers, agent: false, timeout: DELIVERY_TIMEOUT_MS, signal: ctx.lifecycle.signal };
		const request = http.request(url, options, (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, responseBody: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
		});
		request.on('timeout', () => request.destroy(new Error(`timeout after ${DELIVERY_TIMEOUT_MS} ms`)));
		request.on('error', (error) => resolve({ status: 0, error: error.message }));
		request.end(payload);
	});
}

/** @param {Row} webhook */
function headersFor(webhook) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json', 'user-agent': 'Pipedrive Webhooks' };
	if (webhook.http_auth_user) {
		const credentials = `${webhook.http_auth_user}:${webhook.http_auth_password ?? ''}`;
		headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
	}
	return headers;
}

/**
 * @param {Row} webhook
 * @param {WebhookEvent} event
 * @param {{ eventId: string, correlationId: string, timestamp: string, attempt: number }} delivery the same for every attempt
 * @returns {Row}
 */
function payloadFor(webhook, event, { eventId, correlationId, timestamp, attempt }) {
	const data = event.data ?? null;
	const previous = event.previous ?? null;
	const entityId = event.meta?.entity_id ?? data?.id ?? previous?.id ?? null;
	const userId = String(webhook.user_id);
	if (webhook.version === '1.0') {
		const v1 = event.v1 ?? { current: data, previous };
		return v1PayloadFor(webhook, event, { data: v1.current, previous: v1.previous, entityId, attempt });
	}
	return {
		meta: {
			action: event.action, entity: event.object, entity_id: String(entityId), id: eventId, timestamp,
			version: '2.0', webhook_id: String(webhook.id), webhook_owner_id: String(webhook.owner_id), change_source: 'api',
			user_id: userId, company_id: String(webhook.company_id), correlation_id: correlationId, is_bulk_edit: false,
			type: 'general', host: 'fake.pipedrive.com',
			// Documented as present for every entity but users.
			...(event.object === 'user' ? {} : { permitted_user_ids: [userId] }),
			...event.meta, attempt,
		},
		data,
		previous,
	};
}

/**
 * The legacy v1 payload (`{ v, meta, current, previous, event, retry }`) for webhooks registered with version 1.0.
 * @param {Row} webhook
 * @param {WebhookEvent} event
 * @param {{ data: Row | null, previous: Row | null, entityId: unknown, attempt: number }} parts
 */
function v1PayloadFor(webhook, event, { data, previous, entityId, attempt }) {
	const action = V1_ACTIONS[event.action] ?? event.action;
	return {
		v: 1,
		matches_filters: { current: [] },
		meta: {
			action, object: event.object, id: entityId, company_id: webhook.company_id, user_id: webhook.user_id,
			host: 'fake.pipedrive.com', timestamp: Math.floor(Date.now() / 1000), permitted_user_ids: [webhook.user_id],
			trans_pending: false, is_bulk_update: false, webhook_id: String(webhook.id), ...event.meta,
		},
		current: data,
		previous,
		event: `${action}.${event.object}`,
		retry: attempt - 1,
	};
}

/** @param {Row} webhook @param {WebhookEvent} event */
function subscribed(webhook, event) {
	const object = webhook.event_object === '*' || webhook.event_object === event.object;
	const action = webhook.event_action === '*' || webhook.event_action === event.action;
	return Boolean(webhook.is_active) && object && action;
}

/**
 * Delivers one event to one webhook, retrying with the configured delays.
 * @param {Ctx} ctx
 * @param {Row} webhook
 * @param {WebhookEvent} event
 * @returns {Promise<Delivery>}
 */
async function deliverWithRetries(ctx, webhook, event) {
	// A retry repeats the event: same id, same timestamp (the time of the change), the next attempt number.
	const ids = { eventId: randomUUID(), correlationId: randomUUID(), timestamp: new Date().toISOString() };
	const delays = ctx.options.webhookRetryDelaysMs;
	for (let attempt = 1; ; attempt++) {
		const body = payloadFor(webhook, event, { ...ids, attempt });
		const url = webhook.subscription_url;
		const delivery = await send(ctx, { webhookId: webhook.id, url, attempt, body, headers: headersFor(webhook), eventId: body.meta?.id });
		webhook.last_delivery_time = new Date().toISOString();
		webhook.last_http_status = delivery.status || null;
		const webhookGone = !ctx.store.get('webhooks', webhook.id);
		if ((delivery.status >= 200 && delivery.status < 300) || attempt > delays.length || ctx.lifecycle.closed || webhookGone) return delivery;
		await ctx.lifecycle.sleep(delays[attempt - 1]);
	}
}

/**
 * Sends the event to every matching active webhook; resolves when all deliveries (with retries) are done.
 * @param {Ctx} ctx
 * @param {WebhookEvent} event
 * @returns {Promise<Delivery[]>} the last attempt per webhook
 */
function fireWebhookEvent(ctx, event) {
	const targets = ctx.store.all('webhooks').filter((webhook) => subscribed(webhook, event));
	return Promise.all(targets.map((webhook) => deliverWithRetries(ctx, webhook, event)));
}

/**
 * A forged delivery (wrong auth, replay, odd payload): one attempt, no retry.
 * @param {Ctx} ctx
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [options]
 * @returns {Promise<Delivery>}
 */
function deliverRaw(ctx, url, { method, headers, body } = {}) {
	return send(ctx, { webhookId: null, url, attempt: 1, body, headers: { 'content-type': 'application/json', ...headers } }, method);
}

/**
 * With `autoWebhooks`, API writes of the objects webhooks cover fire events as Pipedrive does, to every
 * active webhook whose object and action match (not awaited). Payloads come from snapshots taken now.
 * @param {Ctx} ctx
 * @param {import('./entities').Entity} entity
 * @param {WebhookEvent['action']} action
 * @param {Row | null} after the row as written (null on delete)
 * @param {Row | null} before the row before the write (null on create)
 */
function notifyWrite(ctx, entity, action, after, before) {
	if (!ctx.options.autoWebhooks || entity.isField || !WEBHOOK_OBJECTS.includes(entity.type)) return;
	const event = { object: entity.type, action };
	if (!ctx.store.all('webhooks').some((webhook) => subscribed(webhook, event))) return;
	fireWebhookEvent(ctx, eventForWrite(ctx.store, entity, action, after, before)).catch(() => undefined);
}

// The `data`/`previous` (v2) and `current`/`previous` (v1) of a webhook event for a stored row that an
// API write changed, in the documented shapes (https://pipedrive.readme.io/docs/webhooks-v2-migration-guide):
// v2 keeps custom fields in `custom_fields`, each value typed (`{type: "double", value}`,
// `{type: "enum", id}`, `{type: "set", values: [{id}]}`, …) and `previous` holds only the changed fields;
// v1 has custom fields as top-level hash keys with plain values and `previous` is the whole former record.

/**
 * The objects webhooks v2 deliver ("Guide for Webhooks v2", 2026). The spec's `event_object` enum lags:
 * it lacks the project and deal sub-objects added in April 2026.
 */
const WEBHOOK_OBJECTS = [
	'activity', 'deal', 'lead', 'note', 'organization', 'person', 'pipeline', 'product', 'stage', 'user',
	'deal_installment', 'deal_product', 'board', 'phase', 'project', 'task',
];

/** Types whose value is one id. */
const ID_TYPES = new Set(['enum', 'people', 'org', 'user']);

/** @param {unknown} id */
const asId = (id) => (typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id);

/**
 * One stored custom field value as webhooks v2 type it.
 * @param {string} type the field's `field_type`
 * @param {unknown} value as stored: v2 API shape, or v1 plain value (with v1 companions merged in)
 */
function typedValue(type, value) {
	if (value === null || value === undefined) return null;
	if (ID_TYPES.has(type)) return { id: asId(isPlainObject(value) ? value.id ?? value.value : value), type };
	if (type === 'set') return { values: listOf(value).map((id) => ({ id: asId(id) })), type };
	if (!isPlainObject(value)) return { type, value };
	if (type === 'daterange' || type === 'timerange') {
		const { value: from, ...rest } = value;
		return { ...(from === undefined ? {} : { from }), ...rest, type };
	}
	return { ...value, type };
}

/**
 * Custom field values of a row by key: v2 rows keep them in `custom_fields`; v1 rows (leads, notes)
 * as top-level hash keys, with companions (`<hash>_currency`, `<hash>_until`) folded into an object.
 * @param {Row} row
 * @returns {{ values: Row, standard: Row }}
 */
function splitCustomFields(row) {
	/** @type {Row} */
	const values = isPlainObject(row.custom_fields) ? { ...row.custom_fields } : {};
	/** @type {Row} */
	const standard = {};
	for (const [key, value] of Object.entries(row)) {
		if (key === 'custom_fields') continue;
		const [hash, companion] = [key.slice(0, 40), key.slice(41)];
		const known = values[hash];
		if (!HASH_KEY.test(key)) standard[key] = value;
		else if (!companion) values[hash] = isPlainObject(known) ? { ...known, value } : value;
		else values[hash] = { ...(isPlainObject(known) ? known : known === undefined ? {} : { value: known }), [companion]: value };
	}
	return { values, standard };
}

/**
 * A row as webhooks v2 `data` show it.
 * @param {Store} store @param {Entity} entity @param {Row} row
 */
function v2Record(store, entity, row) {
	const { values, standard } = splitCustomFields(structuredClone(row));
	if (!entity.fields && !Object.keys(values).length) return standard;
	const types = new Map(entity.fields ? fieldsOf(store, entity.fields).map((field) => [field.key, String(field.field_type)]) : []);
	const custom = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typedValue(types.get(key) ?? 'varchar', value)]));
	return { ...standard, custom_fields: custom };
}

/** Keys of `a` or `b` whose values differ (absent counts as null). @param {Row} a @param {Row} b */
const changedKeys = (a, b) => [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null));

/**
 * v2 `previous` of an update: the former values of exactly the fields that changed.
 * @param {Row} before v2 record @param {Row} after v2 record
 */
function v2Previous({ custom_fields: oldCustom = {}, ...before }, { custom_fields: newCustom = {}, ...after }) {
	/** @type {Row} */
	const previous = Object.fromEntries(changedKeys(before, after).map((key) => [key, before[key] ?? null]));
	const custom = changedKeys(oldCustom, newCustom);
	if (custom.length) previous.custom_fields = Object.fromEntries(custom.map((key) => [key, oldCustom[key] ?? null]));
	return previous;
}

/**
 * A row as v1 `current`/`previous` show it: custom fields as top-level hash keys, monetary
 * values split into `<hash>` and `<hash>_currency`.
 * @param {Row} row
 */
function v1Record(row) {
	const { custom_fields: custom, ...rest } = structuredClone(row);
	/** @type {Row} */
	const record = rest;
	for (const [key, value] of Object.entries(isPlainObject(custom) ? custom : {})) {
		const monetary = isPlainObject(value) && 'currency' in value;
		record[key] = monetary ? value.value ?? null : value;
		if (monetary) record[`${key}_currency`] = value.currency;
	}
	return record;
}

/**
 * The webhook event an API write makes, both shapes, from snapshots taken at the write.
 * @param {Store} store
 * @param {Entity} entity
 * @param {'create' | 'change' | 'delete'} action
 * @param {Row | null} after the row once written (null on delete)
 * @param {Row | null} before the row before the write (null on create)
 */
function eventForWrite(store, entity, action, after, before) {
	const data = after ? v2Record(store, entity, after) : null;
	const former = before ? v2Record(store, entity, before) : null;
	const previous = action === 'change' && data && former ? v2Previous(former, data) : action === 'delete' ? former : null;
	return {
		object: entity.type,
		action,
		data,
		previous,
		v1: { current: after ? v1Record(after) : null, previous: before ? v1Record(before) : null },
	};
}

module.exports = { fireWebhookEvent, deliverRaw, notifyWrite, WEBHOOK_OBJECTS, eventForWrite, typedValue };
