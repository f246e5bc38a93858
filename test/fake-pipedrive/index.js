// @ts-check
'use strict';

/**
 * A loopback fake of the Pipedrive API (v1 + v2, spec-validated, stateful) for tests and benchmarks.
 * See README.md in this folder.
 */

const http = require('http');
const { once } = require('events');
const { createContext, REAL_WEBHOOK_RETRY_DELAYS_MS } = require('./lib/context');
const { requestListener } = require('./lib/pipeline');
const { seed, seedMany, seedBaseline } = require('./lib/seed');
const { customFieldKey } = require('./lib/fields');
const { entityFor, timeOf } = require('./lib/entities');
const { fireWebhookEvent, deliverRaw } = require('./lib/webhook-delivery');

/** @typedef {import('./lib/context').FakeOptions} FakeOptions */
/** @typedef {import('./lib/faults').Fault} Fault */
/** @typedef {import('./lib/webhook-delivery').WebhookEvent} WebhookEvent */
/** @typedef {import('./lib/webhook-delivery').Delivery} Delivery */
/** @typedef {import('./lib/pipeline').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./lib/context').Violation} Violation */
/** @typedef {import('./lib/util').Row} Row */

const HOST = '127.0.0.1';

/**
 * Starts a fake Pipedrive on 127.0.0.1.
 * @param {FakeOptions} [options]
 */
async function startFakePipedrive(options = {}) {
	const ctx = createContext(options);
	seedBaseline(ctx);
	const server = http.createServer(requestListener(ctx));
	await once(server.listen(ctx.options.port, HOST), 'listening');
	const port = /** @type {import('net').AddressInfo} */ (server.address()).port;
	ctx.url = `http://${HOST}:${port}`;

	return {
		url: ctx.url,
		port,
		apiToken: ctx.options.apiToken,
		/** Every request received, in order. */
		requests: ctx.requests,
		/** Spec and protocol violations found in requests. */
		violations: ctx.violations,
		/** Every outgoing webhook delivery attempt. */
		deliveries: ctx.deliveries,
		stats: ctx.stats,
		store: ctx.store,
		/** @param {string} collection e.g. `deals`, `dealFields` @param {Row[]} rows */
		seed: (collection, rows) => seed(ctx, collection, rows),
		/** @param {string} collection @param {number} count @param {(i: number) => Row} [make] i runs 1..count */
		seedMany: (collection, count, make) => seedMany(ctx, collection, count, make),
		customFieldKey,
		/**
		 * Changes a stored row in place as Pipedrive would on an update (`update_time` now, unless given).
		 * @param {string} collection @param {string | number} id @param {Row} changes
		 */
		changeRow(collection, id, changes) {
			const table = ctx.store.collection(collection);
			const row = table.get(id);
			if (!row) throw new Error(`No ${collection} row ${id}`);
			Object.assign(row, { update_time: timeOf(entityFor(collection)) }, changes);
			table.touch();
			return row;
		},
		/** @param {Fault} fault */
		injectFault: (fault) => ctx.faults.add(fault),
		clearFaults: () => ctx.faults.clear(),
		/** @param {Partial<import('./lib/rate-limit').RateLimitConfig>} changes */
		setRateLimit: (changes) => ctx.rate.configure(changes),
		/** @param {WebhookEvent} event */
		fireWebhookEvent: (event) => fireWebhookEvent(ctx, event),
		/** @param {string} url @param {{ method?: string, headers?: Record<string, string>, body?: unknown }} [request] */
		deliverRaw: (url, request) => deliverRaw(ctx, url, request),
		/** Pipedrive deleting a webhook on its own (e.g. after 3 days of failed deliveries). @param {number} id */
		deleteWebhookRemotely: (id) => ctx.store.collection('webhooks').remove(id) ?? null,
		/** Tokens as if the OAuth flow had run. @param {string} [clientId] */
		issueOAuthToken: (clientId = ctx.oauth.config.clientId) => ({ ...ctx.oauth.issue(clientId), api_domain: ctx.url }),
		expireOAuthTokens: () => ctx.oauth.expireAll(),
		/** Clears requests, violations, deliveries, faults, stats and rate windows; the store goes back to its baseline. */
		reset() {
			for (const list of [ctx.requests, ctx.violations, ctx.deliveries]) list.length = 0;
			for (const key of /** @type {Array<keyof typeof ctx.stats>} */ (Object.keys(ctx.stats))) ctx.stats[key] = 0;
			ctx.faults.clear();
			ctx.rate.reset();
			ctx.store.clear();
			seedBaseline(ctx);
		},
		async close() {
			ctx.lifecycle.close();
			const closed = new Promise((resolve) => server.close(resolve));
			server.closeAllConnections();
			await closed;
		},
	};
}

/** @typedef {Awaited<ReturnType<typeof startFakePipedrive>>} FakePipedrive */

module.exports = { startFakePipedrive, customFieldKey, REAL_WEBHOOK_RETRY_DELAYS_MS };
