// @ts-check
'use strict';

const crypto = require('crypto');

/** @typedef {Record<string, any>} Row */

/** @param {unknown} value @returns {value is Record<string, any>} */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** ISO time without milliseconds, as v2 returns it: `2026-01-01T10:00:00Z`. */
function isoTime(date = new Date()) {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** v1 style time: `2026-01-01 10:00:00`. */
function v1Time(date = new Date()) {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** @param {number} bytes */
function randomHex(bytes) {
	return crypto.randomBytes(bytes).toString('hex');
}

/** A deterministic 40-hex-char custom field key, like Pipedrive's hashes. @param {string} seed */
function hashKey(seed) {
	return crypto.createHash('sha1').update(seed).digest('hex');
}

/**
 * Splits a comma separated query value (or repeated values) into parts.
 * @param {unknown} value
 * @returns {string[]}
 */
function listOf(value) {
	const values = Array.isArray(value) ? value : [value];
	return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

module.exports = { isPlainObject, isoTime, v1Time, randomHex, hashKey, listOf };
