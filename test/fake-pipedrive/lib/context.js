// @ts-check
'use strict';

/** Everything one fake instance holds: options, route table, state, logs and counters. */

const { buildRouteTable } = require('./spec');
const { resolveHandler } = require('./handlers');
const { Store } = require('./store');
const { RowBuilder, UUID_COLLECTIONS } = require('./entities');
const { FaultQueue } = require('./faults');
const { RateLimiter } = require('./rate-limit');
const { OAuthProvider } = require('./oauth');
const { Lifecycle } = require('./lifecycle');

/**
 * @typedef {object} FakeOptions
 * @property {number} [port] default 0 (a free port); the fake always binds 127.0.0.1
 * @property {string} [apiToken] accepted in `x-api-token`; default `test-token`
 * @property {string} [oauthAccessToken] a Bearer token always accepted (besides issued ones)
 * @property {Partial<import('./oauth').OAuthConfig>} [oauth] client id/secret, expiresIn, scope
 * @property {Partial<import('./rate-limit').RateLimitConfig>} [rateLimit]
 * @property {boolean} [validate] check requests against the specs (default true)
 * @property {number} [webhookLimit] webhooks per user (default 40)
 * @property {number[]} [webhookRetryDelaysMs] waits before retries 2..4 (default [50, 50, 50]; Pipedrive: [3000, 30000, 150000])
 * @property {boolean} [autoWebhooks] API writes fire webhook events (default false)
 */

/** Pipedrive's real webhook retry schedule. */
const REAL_WEBHOOK_RETRY_DELAYS_MS = [3000, 30000, 150000];

const DEFAULT_OPTIONS = {
	port: 0,
	apiToken: 'test-token',
	validate: true,
	webhookLimit: 40,
	webhookRetryDelaysMs: [50, 50, 50],
	autoWebhooks: false,
};

/**
 * @typedef {object} Violation
 * @property {string} method
 * @property {string} path the request path, prefix included
 * @property {string} message
 * @property {string} [operationId]
 */

/** @param {FakeOptions} [options] */
function createContext(options = {}) {
	const routes = buildRouteTable();
	for (const op of routes.operations) op.handler = resolveHandler(op);
	return {
		/** @type {typeof DEFAULT_OPTIONS} */
		options: { ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) },
		url: '',
		routes,
		store: new Store(UUID_COLLECTIONS),
		rows: new RowBuilder(routes),
		/** @type {import('./pipeline').RequestLogEntry[]} */
		requests: [],
		/** @type {Violation[]} */
		violations: [],
		/** @type {import('./webhook-delivery').Delivery[]} */
		deliveries: [],
		stats: { requests: 0, unauthorized: 0, tooManyRequests: 0, faults: 0, violations: 0 },
		faults: new FaultQueue(),
		rate: new RateLimiter(options.rateLimit),
		oauth: new OAuthProvider(options.oauth, options.oauthAccessToken),
		lifecycle: new Lifecycle(),
		/** @param {Violation} violation */
		recordViolation(violation) {
			this.violations.push(violation);
			this.stats.violations += 1;
		},
	};
}

/** @typedef {ReturnType<typeof createContext>} Ctx */

module.exports = { createContext, REAL_WEBHOOK_RETRY_DELAYS_MS };
