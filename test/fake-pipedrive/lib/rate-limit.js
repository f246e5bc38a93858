// @ts-check
'use strict';

/**
 * Pipedrive's two limits: a burst limit per token over a rolling window (x-ratelimit-*) and a daily
 * token budget per company, charged by each operation's x-token-cost (x-daily-ratelimit-token-*).
 */

/**
 * @typedef {object} RateLimitConfig
 * @property {number} limit requests per window and token
 * @property {number} windowMs rolling window
 * @property {boolean} enforce answer 429 beyond `limit`
 * @property {boolean} retryAfterHeader add Retry-After to 429 answers
 * @property {number} dailyLimit daily token budget
 * @property {number} dailyRemaining tokens left today; 0 makes every call 429
 */

/** @type {RateLimitConfig} */
const DEFAULTS = { limit: 80, windowMs: 2000, enforce: false, retryAfterHeader: false, dailyLimit: 1_000_000, dailyRemaining: 1_000_000 };

class RateLimiter {
	/** @param {Partial<RateLimitConfig>} [config] */
	constructor(config = {}) {
		/** @type {RateLimitConfig} */
		this.config = { ...DEFAULTS };
		/** @type {Map<string, number[]>} request times per token */
		this.windows = new Map();
		this.configure({ dailyRemaining: config.dailyLimit ?? DEFAULTS.dailyLimit, ...config });
	}

	/** @param {Partial<RateLimitConfig>} changes */
	configure(changes) {
		Object.assign(this.config, changes);
		if (changes.dailyLimit !== undefined && changes.dailyRemaining === undefined) {
			this.config.dailyRemaining = Math.min(this.config.dailyRemaining, changes.dailyLimit);
		}
	}

	reset() {
		this.windows.clear();
		this.config.dailyRemaining = this.config.dailyLimit;
	}

	/** @param {string} key @param {number} now */
	windowOf(key, now) {
		const times = this.windows.get(key) ?? [];
		this.windows.set(key, times);
		while (times.length && times[0] <= now - this.config.windowMs) times.shift();
		return times;
	}

	/**
	 * Counts one request of `cost` tokens.
	 * @param {string} key the token
	 * @param {number} cost
	 * @param {number} [now]
	 * @returns {{ allowed: boolean, headers: Record<string, string> }}
	 */
	take(key, cost, now = Date.now()) {
		const times = this.windowOf(key, now);
		const daily = this.config.dailyRemaining > 0;
		const burst = !this.config.enforce || times.length < this.config.limit;
		if (daily && burst) {
			times.push(now);
			this.config.dailyRemaining = Math.max(0, this.config.dailyRemaining - cost);
		}
		const allowed = daily && burst;
		const headers = this.headers(times, now);
		if (!allowed && this.config.retryAfterHeader) {
			headers['retry-after'] = daily ? headers['x-ratelimit-reset'] : String(secondsToMidnight(now));
		}
		return { allowed, headers };
	}

	/** Headers without counting a request (for answers to unauthenticated calls). @param {string} key */
	peek(key, now = Date.now()) {
		return this.headers(this.windowOf(key, now), now);
	}

	/** @param {number[]} times @param {number} now @returns {Record<string, string>} */
	headers(times, now) {
		const { limit, windowMs, dailyLimit, dailyRemaining } = this.config;
		const resetMs = times.length ? times[0] + windowMs - now : windowMs;
		return {
			'x-ratelimit-limit': String(limit),
			'x-ratelimit-remaining': String(Math.max(0, limit - times.length)),
			'x-ratelimit-reset': String(Math.max(1, Math.ceil(resetMs / 1000))),
			'x-daily-ratelimit-token-limit': String(dailyLimit),
			'x-daily-ratelimit-token-remaining': String(dailyRemaining),
		};
	}
}

/** @param {number} now */
function secondsToMidnight(now) {
	const midnight = new Date(now);
	midnight.setUTCHours(24, 0, 0, 0);
	return Math.ceil((midnight.getTime() - now) / 1000);
}

module.exports = { RateLimiter };
