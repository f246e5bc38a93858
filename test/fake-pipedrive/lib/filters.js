// @ts-check
'use strict';

/** List filters (`owner_id=1`, `ids=1,2`, `status=open,won`, `updated_since=...`) as one row predicate. */

const { listOf } = require('./util');

/** @typedef {import('./util').Row} Row */
/** @typedef {(row: Row) => boolean} Predicate */

/** Query parameters that filter on the row property of the same name. */
const EQUALITY_KEYS = [
	'owner_id', 'person_id', 'org_id', 'organization_id', 'pipeline_id', 'stage_id', 'deal_id', 'lead_id',
	'user_id', 'project_id', 'assignee_id', 'parent_task_id', 'phase_id', 'type', 'done', 'is_done', 'status',
];
/** Query names whose row property has another name on some entities. */
const ALIASES = { organization_id: 'org_id' };

/** @param {Row} row @param {string} key */
function valueOf(row, key) {
	const alias = /** @type {Record<string, string>} */ (ALIASES)[key];
	return row[key] !== undefined || !alias ? row[key] : row[alias];
}

/** v1 times have no zone (`2026-01-01 10:00:00`): they are UTC. @param {unknown} text */
function timeValue(text) {
	const value = String(text);
	return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * @param {Record<string, any>} query typed query parameters
 * @returns {Predicate | undefined} undefined when nothing filters, so paging can jump straight to an offset
 */
function predicateFor(query) {
	/** @type {Predicate[]} */
	const checks = [];
	for (const key of EQUALITY_KEYS) {
		if (query[key] === undefined) continue;
		const wanted = new Set(listOf(query[key]));
		checks.push((row) => wanted.has(String(valueOf(row, key))));
	}
	if (query.ids !== undefined) {
		const ids = new Set(listOf(query.ids));
		checks.push((row) => ids.has(String(row.id)));
	}
	if (query.updated_since !== undefined) {
		const since = timeValue(query.updated_since);
		checks.push((row) => timeValue(row.update_time) >= since);
	}
	if (query.updated_until !== undefined) {
		const until = timeValue(query.updated_until);
		checks.push((row) => timeValue(row.update_time) < until);
	}
	return checks.length ? (row) => checks.every((check) => check(row)) : undefined;
}

/** @param {Record<string, any>} query @returns {1 | -1} */
function directionOf(query) {
	return query.sort_direction === 'desc' || /\bdesc\b/i.test(String(query.sort ?? '')) ? -1 : 1;
}

/**
 * The field a list is sorted by, other than id: v2 `sort_by=update_time`, v1 `sort=update_time DESC`
 * (only the first field of a v1 sort counts).
 * @param {Record<string, any>} query
 * @returns {string | undefined}
 */
function sortFieldOf(query) {
	const field = query.sort_by ?? String(query.sort ?? '').split(',')[0].trim().split(/\s+/)[0];
	return field && field !== 'id' ? field : undefined;
}

/** Comparable value of a field: times and dates as epoch ms, numbers as numbers, text lower-cased. @param {string} field */
function sortKeyOf(field) {
	if (/_(time|date)$/.test(field)) return (/** @type {unknown} */ value) => (value === null || value === undefined || value === '' ? NaN : timeValue(value));
	return (/** @type {unknown} */ value) => (typeof value === 'number' ? value : value === null || value === undefined ? NaN : String(value).toLowerCase());
}

module.exports = { predicateFor, directionOf, sortFieldOf, sortKeyOf, timeValue };
