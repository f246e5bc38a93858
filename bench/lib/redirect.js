// @ts-check
'use strict';

/**
 * Sends n8n's requests for https://api.pipedrive.com to the loopback fake over plain http, for both n8n
 * nodes alike: n8n-core ends in `https.request(options, callback)`; host, port and protocol are rewritten
 * and n8n's https.Agent swapped for an http.Agent with the same options (n8n-core 2.8.1: a fresh agent
 * per request without keep-alive, so one TCP connection per request, as in production).
 */

const http = require('http');
const https = require('https');

const PIPEDRIVE_HOST = 'api.pipedrive.com';

/** @param {number} port */
function redirectPipedriveTo(port) {
	const originalRequest = https.request;
	/** @type {WeakMap<object, http.Agent>} */
	const agents = new WeakMap();

	/** @param {any} agent */
	function plainAgent(agent) {
		if (!agent || typeof agent !== 'object') return undefined;
		let mapped = agents.get(agent);
		if (!mapped) {
			const { keepAlive, keepAliveMsecs, maxSockets, maxFreeSockets, maxTotalSockets, timeout, scheduling } = agent.options ?? {};
			mapped = new http.Agent({ keepAlive, keepAliveMsecs, maxSockets, maxFreeSockets, maxTotalSockets, timeout, scheduling });
			agents.set(agent, mapped);
		}
		return mapped;
	}

	/** @param {any[]} args */
	function rewrite(args) {
		const [first, second, third] = args;
		const url = typeof first === 'string' || first instanceof URL ? new URL(String(first)) : null;
		/** @type {any} */
		const options = url ? { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search, ...(typeof second === 'object' ? second : {}) } : first;
		const callback = url && typeof second !== 'function' ? third : second;
		const host = String(options?.hostname ?? options?.host ?? '').replace(/:\d+$/, '');
		if (host !== PIPEDRIVE_HOST) return null;
		const rewritten = { ...options, protocol: 'http:', hostname: '127.0.0.1', host: '127.0.0.1', port, agent: plainAgent(options.agent) };
		delete rewritten.servername;
		delete rewritten.agents;
		if (rewritten.agent === undefined) delete rewritten.agent;
		return { rewritten, callback };
	}

	// @ts-ignore same signature as https.request
	https.request = function (...args) {
		const target = rewrite(args);
		if (!target) return originalRequest.apply(this, /** @type {any} */ (args));
		return target.callback ? http.request(target.rewritten, target.callback) : http.request(target.rewritten);
	};
	// @ts-ignore same signature as https.get
	https.get = (...args) => https.request(...args).end();
}

module.exports = { redirectPipedriveTo };
