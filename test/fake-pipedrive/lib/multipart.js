// @ts-check
'use strict';

/**
 * A small multipart/form-data parser (RFC 7578): enough for file uploads from n8n, form-data and
 * undici. Each file keeps its bytes in a non-enumerable `data`, so logs and `toEqual` skip them.
 */

/**
 * @typedef {object} UploadedFile
 * @property {string} field
 * @property {string} filename
 * @property {string} contentType
 * @property {number} size
 * @property {Buffer} [data] non-enumerable
 */

/** @typedef {{ fields: Record<string, string>, files: UploadedFile[] }} MultipartBody */

/** @param {string} contentType */
function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return match ? match[1] ?? match[2] : null;
}

/**
 * @param {Buffer} raw
 * @param {string} contentType
 * @returns {MultipartBody | null} null when the body is not well-formed multipart
 */
function parseMultipart(raw, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) return null;
	const parts = splitParts(raw, Buffer.from(`--${boundary}`));
	if (!parts) return null;
	/** @type {MultipartBody} */
	const body = { fields: {}, files: [] };
	for (const part of parts) addPart(body, part);
	return body;
}

/**
 * @param {Buffer} raw
 * @param {Buffer} delimiter
 * @returns {Buffer[] | null}
 */
function splitParts(raw, delimiter) {
	let start = raw.indexOf(delimiter);
	if (start < 0) return null;
	const parts = [];
	for (;;) {
		const bodyStart = start + delimiter.length;
		if (raw.subarray(bodyStart, bodyStart + 2).toString() === '--') return parts;
		const next = raw.indexOf(delimiter, bodyStart);
		if (next < 0) return null;
		// Skip the CRLF after the delimiter and the CRLF that precedes the next one.
		parts.push(raw.subarray(bodyStart + 2, next - 2));
		start = next;
	}
}

/** @param {MultipartBody} body @param {Buffer} part */
function addPart(body, part) {
	const headerEnd = part.indexOf('\r\n\r\n');
	if (headerEnd < 0) return;
	const headers = part.subarray(0, headerEnd).toString('utf8');
	const data = part.subarray(headerEnd + 4);
	const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
	const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
	const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
	if (filename === undefined) {
		body.fields[field] = data.toString('utf8');
		return;
	}
	const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
	/** @type {UploadedFile} */
	const file = { field, filename, contentType, size: data.length };
	Object.defineProperty(file, 'data', { value: Buffer.from(data), enumerable: false });
	body.files.push(file);
}

module.exports = { parseMultipart };
