// @ts-check
'use strict';

const querystring = require('querystring');

/** @typedef {import('http').ServerResponse} ServerResponse */

const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

/** An error a handler throws to answer with Pipedrive's error shape. */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {{ body?: unknown, violation?: boolean }} [options] body replaces the standard error body;
	 *   violation records the message as a spec violation too
	 */
	constructor(status, message, options = {}) {
		super(message);
		this.status = status;
		this.body = options.body;
		this.violation = Boolean(options.violation);
	}
}

/** @param {string} message */
function errorBody(message) {
	return { success: false, error: message, error_info: ERROR_INFO, data: null, additional_data: null };
}

/** @param {ServerResponse} res @param {number} status @param {unknown} payload @param {Record<string, string>} [headers] */
function sendJson(res, status, payload, headers = {}) {
	send(res, status, JSON.stringify(payload), 'application/json', headers);
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {string} contentType
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, contentType, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers });
	res.end(body);
}

/**
 * Query string to an object; repeated keys become arrays.
 * @param {URLSearchParams} params
 */
const queryObject = (params) => /** @type {Record<string, string | string[]>} */ ({ ...querystring.parse(params.toString()) });

/**
 * @typedef {object} ParsedBody
 * @property {'empty' | 'json' | 'form' | 'multipart' | 'other'} kind
 * @property {any} value
 * @property {string} [error]
 */

/**
 * A multipart upload's file; its bytes are in a non-enumerable `data`, so logs and `toEqual` skip them.
 * @typedef {{ field: string, filename: string, contentType: string, size: number, data?: Buffer }} UploadedFile
 */
/** @typedef {{ fields: Record<string, string>, files: UploadedFile[] }} MultipartBody */

/** @param {Buffer} raw @param {string} contentType @returns {Promise<ParsedBody>} */
async function parseBody(raw, contentType) {
	if (!raw.length) return { kind: 'empty', value: undefined };
	if (/multipart\/form-data/i.test(contentType)) {
		const value = await parseMultipart(raw, contentType);
		return value ? { kind: 'multipart', value } : { kind: 'multipart', value: raw.toString('utf8'), error: 'malformed multipart body' };
	}
	if (/application\/x-www-form-urlencoded/i.test(contentType)) {
		return { kind: 'form', value: queryObject(new URLSearchParams(raw.toString('utf8'))) };
	}
	return parseJson(raw, contentType);
}

/**
 * Node's own multipart parser (the one behind fetch's `Response.formData()`).
 * @param {Buffer} raw @param {string} contentType @returns {Promise<MultipartBody | null>}
 */
async function parseMultipart(raw, contentType) {
	/** @type {FormData} */
	let form;
	try {
		form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return null;
	}
	/** @type {MultipartBody} */
	const body = { fields: {}, files: [] };
	for (const [field, value] of form) {
		if (typeof value === 'string') {
			body.fields[field] = value;
			continue;
		}
		/** @type {UploadedFile} */
		const file = { field, filename: value.name, contentType: value.type || 'application/octet-stream', size: value.size };
		Object.defineProperty(file, 'data', { value: Buffer.from(await value.arrayBuffer()), enumerable: false });
		body.files.push(file);
	}
	return body;
}

/** @param {Buffer} raw @param {string} contentType @returns {ParsedBody} */
function parseJson(raw, contentType) {
	const text = raw.toString('utf8');
	try {
		return { kind: 'json', value: JSON.parse(text) };
	} catch {
		const kind = /json/i.test(contentType) || !contentType ? 'json' : 'other';
		return { kind, value: text, error: kind === 'json' ? 'request body is not valid JSON' : undefined };
	}
}

module.exports = { ApiError, ERROR_INFO, errorBody, sendJson, send, queryObject, parseBody };
