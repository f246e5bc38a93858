// @ts-check
'use strict';

/** Injected failures: the next N matching requests get the fault instead of the normal answer. */

const { STATUS_CODES } = require('http');
const { send, sendJson } = require('./http');

/**
 * @typedef {object} Fault
 * @property {string} [method] default: any
 * @property {RegExp | string} [path] RegExp tested on the pathname, or the exact pathname; default: any
 * @property {number} [times] how many matching requests it applies to (default 1; Infinity allowed)
 * @property {number} [skip] matching requests to let through untouched first (e.g. fail the 2nd page)
 * @property {number} [status]
 * @property {unknown} [json] body sent as JSON
 * @property {string | Buffer} [body] raw body
 * @property {Record<string, string>} [headers]
 * @property {number} [delayMs] wait first; alone (no status/body) the request then proceeds normally
 * @property {boolean} [dropConnection] destroy the socket (connection reset)
 * @property {boolean} [malformedJson] status 200 (or `status`) with truncated JSON
 * @property {boolean} [html] an HTML error page (text/html), status 403 unless `status` is given
 */

const MALFORMED_JSON = '{"success":true,"data":[{"id":1,"title":"trunc';
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1></body></html>';

class FaultQueue {
	constructor() {
		/** @type {Array<Fault & { remaining: number, skipped: number }>} */
		this.faults = [];
	}

	/** @param {Fault} fault */
	add(fault) {
		this.faults.push({ ...fault, remaining: fault.times ?? 1, skipped: 0 });
	}

	clear() {
		this.faults.length = 0;
	}

	/**
	 * Takes one use of the first fault matching the request.
	 * @param {string} method
	 * @param {string} pathname
	 * @returns {Fault | null}
	 */
	take(method, pathname) {
		const index = this.faults.findIndex((fault) => matches(fault, method, pathname));
		if (index < 0) return null;
		const fault = this.faults[index];
		if (fault.skipped < (fault.skip ?? 0)) {
			fault.skipped += 1;
			return null;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}
}

/** @param {Fault} fault @param {string} method @param {string} pathname */
function matches(fault, method, pathname) {
	if (fault.method && fault.method !== '*' && fault.method.toUpperCase() !== method) return false;
	if (fault.path === undefined) return true;
	return typeof fault.path === 'string' ? fault.path === pathname : fault.path.test(pathname);
}

/** @param {Fault} fault */
function answersItself(fault) {
	return Boolean(fault.dropConnection || fault.malformedJson || fault.html || fault.status || fault.json !== undefined || fault.body !== undefined);
}

/**
 * Applies a fault. Returns true when it answered (or dropped) the request, false when the request
 * should continue normally (delay-only faults).
 * @param {Fault} fault
 * @param {import('http').ServerResponse} res
 * @param {(ms: number) => Promise<void>} sleep
 */
async function applyFault(fault, res, sleep) {
	if (fault.delayMs) await sleep(fault.delayMs);
	if (!answersItself(fault)) return false;
	const headers = fault.headers ?? {};
	if (fault.dropConnection) res.socket?.destroy();
	else if (fault.malformedJson) send(res, fault.status ?? 200, MALFORMED_JSON, 'application/json', headers);
	else if (fault.html) send(res, fault.status ?? 403, HTML_PAGE, 'text/html; charset=utf-8', headers);
	else if (fault.body !== undefined) send(res, fault.status ?? 200, fault.body, 'application/json', headers);
	else sendJson(res, fault.status ?? 200, fault.json ?? defaultErrorBody(fault.status ?? 500), headers);
	return true;
}

/** @param {number} status */
function defaultErrorBody(status) {
	return { success: false, error: STATUS_CODES[status] ?? 'Error', errorCode: status };
}

module.exports = { FaultQueue, applyFault };
