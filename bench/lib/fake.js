// @ts-check
'use strict';

/**
 * The loopback fake Pipedrive (test/fake-pipedrive's modules, wired as its index.js does) in bench/run.js's
 * process, with bench-only additions: `?api_token=` accepted (moved into the `x-api-token` header: n8n's
 * built-in node authenticates that way); the legacy v1 `GET`/`POST /v1/deals` the 2.8.x built-in calls,
 * which the vendored v1 spec no longer lists (added to the fake's route table, so auth, rate limit and
 * validation apply; the list in the v1 shape); bytes sent counted; the scenarios' deals seeded.
 */

const http = require('http');
const path = require('path');

const FAKE = path.join(__dirname, '..', '..', 'test', 'fake-pipedrive', 'lib');
const { createContext } = require(path.join(FAKE, 'context'));
const { requestListener } = require(path.join(FAKE, 'pipeline'));
const { seed, seedMany, seedBaseline } = require(path.join(FAKE, 'seed'));
const { customFieldKey } = require(path.join(FAKE, 'fields'));
const { crudHandler } = require(path.join(FAKE, 'handlers', 'crud'));
const { collectionSequence, pageOf } = require(path.join(FAKE, 'paging'));
const { predicateFor, directionOf } = require(path.join(FAKE, 'filters'));
const { sendJson } = require(path.join(FAKE, 'http'));

/** @typedef {Record<string, any>} Row */

/** A v2 deal row in the v1 list shape. @param {Row} row @param {Map<string, Row>} fields custom fields by key */
function presentV1Deal(row, fields) {
	const { custom_fields: custom, ...rest } = row;
	if (!custom) return rest;
	for (const [key, value] of Object.entries(custom)) {
		const type = fields.get(key)?.field_type;
		if (type === 'set' && Array.isArray(value)) rest[key] = value.join(',');
		else if (type === 'enum' && value !== null && value !== undefined) rest[key] = String(value);
		else rest[key] = value;
	}
	return rest;
}

/** Adds `v1 GET /deals` and `v1 POST /deals` (see 2. above) to the fake's route table. @param {any} ctx */
function addLegacyV1Deals(ctx) {
	const routes = ctx.routes;
	const v2List = routes.byKey.get('v2 GET /deals');
	const v2Create = routes.byKey.get('v2 POST /deals');
	const v1Offset = routes.byKey.get('v1 GET /notes') ?? routes.operations.find((/** @type {any} */ op) => op.version === 'v1' && op.paging === 'offset');
	if (!v2List || !v2Create || !v1Offset) throw new Error('fake route table lacks the operations the v1 deals shim copies');
	const queryParams = new Map();
	for (const name of ['start', 'limit']) queryParams.set(name, v1Offset.queryParams.get(name));
	for (const name of ['user_id', 'stage_id', 'status', 'filter_id', 'sort', 'owned_by_you']) {
		const fromV2 = v2List.queryParams.get(name === 'user_id' ? 'owner_id' : name);
		queryParams.set(name, { name, in: 'query', required: false, schema: fromV2?.schema ?? { type: 'string' } });
	}
	const list = {
		...v2List,
		version: 'v1',
		key: 'v1 GET /deals',
		operationId: 'getDeals (legacy v1, bench shim)',
		paging: 'offset',
		queryParams,
		handler: {
			/** @param {any} c @param {any} call */
			handle(c, call) {
				const query = { ...call.query };
				if (query.user_id !== undefined) query.owner_id = query.user_id;
				delete query.user_id;
				const fields = new Map(c.store.all('dealFields').filter((/** @type {Row} */ f) => f.is_custom_field).map((/** @type {Row} */ f) => [f.key, f]));
				const { rows, additional } = pageOf(call.op, query, collectionSequence(c.store.collection('deals')), {
					predicate: predicateFor(query),
					dir: directionOf(query),
				});
				sendJson(call.res, 200, { success: true, data: rows.map((/** @type {Row} */ row) => presentV1Deal(row, fields)), additional_data: additional });
			},
		},
	};
	const create = { ...v2Create, version: 'v1', key: 'v1 POST /deals', operationId: 'addDeal (legacy v1, bench shim)' };
	create.handler = crudHandler(create);
	routes.add(list);
	routes.add(create);
}

/** Counts response bytes and moves `api_token` from the query into the header the fake checks. */
function benchListener(/** @type {any} */ ctx, /** @type {{ bytes: number }} */ counters) {
	const inner = requestListener(ctx);
	return (/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) => {
		if (req.url?.includes('api_token=')) {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const token = url.searchParams.get('api_token');
			url.searchParams.delete('api_token');
			if (token) req.headers['x-api-token'] = token;
			req.url = url.pathname + url.search;
		}
		const end = res.end;
		// @ts-ignore count what goes on the wire
		res.end = function (chunk, ...rest) {
			if (chunk) counters.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
			// @ts-ignore
			return end.call(this, chunk, ...rest);
		};
		inner(req, res);
	};
}

/** Requests per operation and status, e.g. `{ "v2 POST /deals 200": 2000 }`. @param {Row[]} entries */
function summarise(entries) {
	/** @type {Record<string, number>} */
	const out = {};
	for (const entry of entries) {
		const key = `${entry.operationId ? `${entry.version} ${entry.method} ${entry.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}` : `${entry.method} ${entry.path}`} ${entry.status ?? '-'}`;
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

/** 17 extra custom deal fields: with the fake's Region, Tier and Tags, 20 of mixed types. */
const EXTRA_FIELDS = require('./extra-deal-fields.json');

/** Deal i as the scenarios seed it. @param {number} i */
const dealRow = (i) => ({ title: `Deal ${i}`, value: i * 10, person_id: (i % 50) + 1, org_id: (i % 20) + 1 });

/** Custom field values of deal i, in the v2 shape. @param {Row[]} fields @param {number} i */
function customValues(fields, i) {
	/** @type {Row} */
	const values = {};
	for (const field of fields) {
		const options = field.options ?? [];
		switch (field.field_type) {
			case 'enum': values[field.key] = options[i % options.length].id; break;
			case 'set': values[field.key] = [options[i % options.length].id, options[(i + 1) % options.length].id]; break;
			case 'double': values[field.key] = (i % 1000) + 0.5; break;
			case 'date': values[field.key] = `2026-${String((i % 12) + 1).padStart(2, '0')}-15`; break;
			case 'text': values[field.key] = `Longer note text for deal ${i}: renewal discussed, next step is a call.`; break;
			default: values[field.key] = `${field.name} value ${i}`;
		}
	}
	return values;
}

/** @param {any} ctx @param {number} count @param {boolean} withCustomFields */
function seedDeals(ctx, count, withCustomFields) {
	/** @type {Row[]} */
	let fields = [];
	if (withCustomFields) {
		seed(ctx, 'dealFields', EXTRA_FIELDS);
		fields = ctx.store.all('dealFields').filter((/** @type {Row} */ f) => f.is_custom_field);
	}
	seedMany(ctx, 'deals', count, (/** @type {number} */ i) => ({ ...dealRow(i), ...(withCustomFields ? { custom_fields: customValues(fields, i) } : {}) }));
	return { customFields: fields.length };
}

const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const LONG_AGO = Date.now() - 2 * 86_400_000;
/** When poll deal i (1-based) was last changed before the poll scenario's change burst: each at its own second. */
const longAgo = (/** @type {number} */ i) => iso(LONG_AGO - i * 1000);
const POLL_OVERLAP_MS = 10_000;
const CHANGE_SPREAD_SECONDS = 50;

/** The poll scenario's deals: the fake's three custom deal fields set, each deal last changed long ago. @param {any} ctx @param {number} count */
function seedPollDeals(ctx, count) {
	const [region, tier, tags] = ['Region', 'Tier', 'Tags'].map((name) => customFieldKey('dealFields', name));
	seedMany(ctx, 'deals', count, (/** @type {number} */ i) => ({
		...dealRow(i),
		add_time: longAgo(i),
		update_time: longAgo(i),
		custom_fields: { [region]: i % 2 ? 'EU' : 'US', [tier]: (i % 2) + 1, [tags]: [3, 4] },
	}));
}

/**
 * Every deal back to its old update time (`age`), or changed within the last 50 s; the latter returns
 * the `updated_since` a client that polled before the change would send. @param {any} ctx @param {boolean} change
 */
function touchPollDeals(ctx, change) {
	const table = ctx.store.collection('deals');
	const now = Math.floor(Date.now() / 1000) * 1000;
	ctx.store.all('deals').forEach((/** @type {Row} */ deal, /** @type {number} */ i) => {
		deal.update_time = change ? iso(now - (CHANGE_SPREAD_SECONDS - 1 - (i % CHANGE_SPREAD_SECONDS)) * 1000) : longAgo(i + 1);
	});
	table.touch();
	return iso(Date.parse(longAgo(1)) - POLL_OVERLAP_MS);
}

/**
 * Starts the bench's fake on a free port of 127.0.0.1.
 * @param {{ apiToken: string, rateLimit?: object }} options
 */
async function startBenchFake(options) {
	const ctx = createContext({ apiToken: options.apiToken, rateLimit: options.rateLimit });
	seedBaseline(ctx);
	addLegacyV1Deals(ctx);
	const counters = { bytes: 0 };
	const server = http.createServer(benchListener(ctx, counters));
	server.keepAliveTimeout = 60_000;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const port = /** @type {import('net').AddressInfo} */ (server.address()).port;
	ctx.url = `http://127.0.0.1:${port}`;
	// Keep the log from growing between `stats` calls in long runs.
	const trim = setInterval(() => ctx.requests.length > 5000 && ctx.requests.splice(0, ctx.requests.length - 100), 1000);
	return {
		port,
		/** @param {number} count @param {boolean} customFields */
		seedDeals: (count, customFields) => seedDeals(ctx, count, customFields),
		/** @param {number} count */
		seedPollDeals: (count) => seedPollDeals(ctx, count),
		agePollDeals: () => touchPollDeals(ctx, false),
		changePollDeals: () => touchPollDeals(ctx, true),
		/** Forget counters, logs and rate windows between runs; the store stays. */
		clear() {
			ctx.requests.length = 0;
			ctx.violations.length = 0;
			for (const key of /** @type {Array<keyof typeof ctx.stats>} */ (Object.keys(ctx.stats))) ctx.stats[key] = 0;
			counters.bytes = 0;
			ctx.rate.reset();
		},
		stats: () => ({
			...ctx.stats,
			bytes: counters.bytes,
			violations: ctx.violations.slice(0, 5).map((/** @type {Row} */ v) => `${v.method} ${v.path}: ${v.message}`),
			// The request log keeps every body: summarise it and let it go.
			byOperation: summarise(ctx.requests.splice(0)),
		}),
		async close() {
			clearInterval(trim);
			ctx.lifecycle.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/** @typedef {Awaited<ReturnType<typeof startBenchFake>>} BenchFake */

module.exports = { startBenchFake };
