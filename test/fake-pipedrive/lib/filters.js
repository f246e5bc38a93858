// @ts-check
'use strict';

/**
 * List filters (`owner_id=1`, `ids=1,2`, `status=open,won`, `updated_since=...`) as one row predicate,
 * list sorting, and saved filters (`filter_id`, below).
 */

const { isPlainObject, listOf } = require('./util');
const { ApiError } = require('./http');
const { ENTITIES } = require('./entities');

/** @typedef {import('./util').Row} Row */
/** @typedef {import('./context').Ctx} Ctx */
/** @typedef {import('./spec').Operation} Operation */
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

// `filter_id` on list endpoints: a saved filter (`/v1/filters`) evaluated against stored rows, with the
// condition format and operators `POST /v1/filters` documents, and the list parameters the spec says a
// filter overrides ("If filter_id is provided, this is ignored", "`filter_id` takes precedence").

/** The filter `type` each list accepts. */
const FILTER_TYPES = { deals: 'deals', leads: 'leads', organizations: 'org', persons: 'people', products: 'products', activities: 'activity', projects: 'projects' };

/**
 * The query without the parameters the operation documents as ignored when `filter_id` is given.
 * @param {Operation} op
 * @param {Record<string, any>} query
 */
function queryUnderFilter(op, query) {
	if (query.filter_id === undefined) return query;
	const parameters = /** @type {Array<{ name: string, in: string, description?: string }>} */ (op.raw.parameters ?? []);
	const overridden = parameters
		.filter((p) => p.in === 'query' && /filter_id`? (is provided, this is ignored|takes precedence)/i.test(p.description ?? ''))
		.map((p) => p.name);
	return Object.fromEntries(Object.entries(query).filter(([name]) => !overridden.includes(name)));
}

/** @param {unknown} value a record's value: ids may be objects (`{ id, name }`, `{ value }`) */
const plain = (value) => (isPlainObject(value) ? value.id ?? value.value ?? null : value);

/** @param {unknown} a @param {unknown} b */
function compare(a, b) {
	const x = Number(a);
	const y = Number(b);
	if (a !== '' && b !== '' && a !== null && b !== null && Number.isFinite(x) && Number.isFinite(y)) return x - y;
	const time = (/** @type {unknown} */ v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v) ? timeValue(v) : NaN);
	if (Number.isFinite(time(a)) && Number.isFinite(time(b))) return time(a) - time(b);
	return String(a).localeCompare(String(b));
}

/** @type {Record<string, (actual: unknown, wanted: unknown) => boolean>} */
const OPERATORS = {
	'=': (actual, wanted) => actual !== null && actual !== undefined && compare(actual, wanted) === 0,
	'!=': (actual, wanted) => actual === null || actual === undefined || compare(actual, wanted) !== 0,
	'<': (actual, wanted) => actual !== null && actual !== undefined && compare(actual, wanted) < 0,
	'>': (actual, wanted) => actual !== null && actual !== undefined && compare(actual, wanted) > 0,
	'<=': (actual, wanted) => actual !== null && actual !== undefined && compare(actual, wanted) <= 0,
	'>=': (actual, wanted) => actual !== null && actual !== undefined && compare(actual, wanted) >= 0,
	'IS NULL': (actual) => actual === null || actual === undefined || actual === '',
	'IS NOT NULL': (actual) => !(actual === null || actual === undefined || actual === ''),
	"LIKE '$%'": (actual, wanted) => String(actual ?? '').toLowerCase().startsWith(String(wanted).toLowerCase()),
	"LIKE '%$%'": (actual, wanted) => String(actual ?? '').toLowerCase().includes(String(wanted).toLowerCase()),
	"NOT LIKE '$%'": (actual, wanted) => !String(actual ?? '').toLowerCase().startsWith(String(wanted).toLowerCase()),
};

/**
 * @param {Ctx} ctx
 * @param {Row} condition `{ object, field_id, operator, value }`
 * @returns {(row: Row) => boolean}
 */
function conditionPredicate(ctx, condition) {
	// Where the condition's `field_id` is defined: the field collection of the entity its `object` names.
	const collection = [...ENTITIES.values()].find((entity) => entity.type === condition.object)?.fields;
	const field = collection ? ctx.store.collection(collection).get(condition.field_id) : undefined;
	if (!field) throw new ApiError(400, `Filter condition refers to an unknown field ${condition.object}.${condition.field_id}`, { violation: true });
	const test = OPERATORS[String(condition.operator)];
	if (!test) throw new ApiError(400, `Filter condition has an unknown operator "${condition.operator}"`, { violation: true });
	const key = String(field.key);
	return (row) => {
		const custom = isPlainObject(row.custom_fields) ? row.custom_fields[key] : undefined;
		return test(plain(custom !== undefined ? custom : row[key]), condition.value);
	};
}

/**
 * `{ glue, conditions: [{ glue, conditions: [...] }, ...] }`; an empty group does not restrict.
 * @param {Ctx} ctx
 * @param {Row} group
 * @returns {(row: Row) => boolean}
 */
function groupPredicate(ctx, group) {
	const parts = (Array.isArray(group?.conditions) ? group.conditions : []).map((/** @type {Row} */ part) =>
		Array.isArray(part.conditions) ? groupPredicate(ctx, part) : conditionPredicate(ctx, part),
	);
	if (!parts.length) return () => true;
	return group.glue === 'or' ? (row) => parts.some((p) => p(row)) : (row) => parts.every((p) => p(row));
}

/**
 * Rows a saved filter matches; 404 for an unknown filter, 400 for one of another type.
 * @param {Ctx} ctx
 * @param {string} collectionName the listed collection, e.g. `deals`
 * @param {unknown} filterId
 * @returns {(row: Row) => boolean}
 */
function savedFilterPredicate(ctx, collectionName, filterId) {
	const filter = ctx.store.collection('filters').get(filterId);
	if (!filter) throw new ApiError(404, 'Filter not found');
	const wanted = /** @type {Record<string, string>} */ (FILTER_TYPES)[collectionName];
	if (wanted && filter.type !== wanted) throw new ApiError(400, `Filter ${filterId} is a "${filter.type}" filter, not "${wanted}"`);
	const conditions = typeof filter.conditions === 'string' ? JSON.parse(filter.conditions) : filter.conditions;
	return groupPredicate(ctx, conditions ?? {});
}

module.exports = { predicateFor, directionOf, sortFieldOf, sortKeyOf, savedFilterPredicate, queryUnderFilter };
