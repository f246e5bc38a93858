// @ts-check
'use strict';

/** The entities the fake keeps state for, and how a stored row is built from input. */

const { rowTemplate } = require('./synth');
const { FIELD_COLLECTIONS } = require('./fields');
const { isoTime, v1Time } = require('./util');

/** @typedef {import('./util').Row} Row */

/**
 * @typedef {object} Entity
 * @property {string} name collection name, as in the path (`deals`)
 * @property {string} label used in "Deal not found"
 * @property {string} type singular, used in search results and webhooks (`deal`)
 * @property {boolean} [uuid] ids are UUIDs (leads)
 * @property {string} [searchField] matched by `term` in search endpoints
 * @property {string} [fields] the field collection defining its custom fields
 * @property {'iso' | 'v1'} [timeFormat]
 * @property {Row} [defaults]
 * @property {boolean} [isField] a field-definition collection (dealFields, ...)
 */

/** @type {Entity[]} */
const ENTITY_LIST = [
	{ name: 'deals', label: 'Deal', type: 'deal', searchField: 'title', fields: 'dealFields', defaults: { status: 'open', currency: 'USD', value: 0, owner_id: 1, creator_user_id: 1, pipeline_id: 1, stage_id: 1, visible_to: 3 } },
	{ name: 'persons', label: 'Person', type: 'person', searchField: 'name', fields: 'personFields', defaults: { owner_id: 1, visible_to: 3 } },
	{ name: 'organizations', label: 'Organization', type: 'organization', searchField: 'name', fields: 'organizationFields', defaults: { owner_id: 1, visible_to: 3 } },
	{ name: 'activities', label: 'Activity', type: 'activity', searchField: 'subject', fields: 'activityFields', defaults: { owner_id: 1, type: 'call', done: false } },
	{ name: 'products', label: 'Product', type: 'product', searchField: 'name', fields: 'productFields', defaults: { owner_id: 1, visible_to: 3 } },
	{ name: 'pipelines', label: 'Pipeline', type: 'pipeline', searchField: 'name' },
	{ name: 'stages', label: 'Stage', type: 'stage', searchField: 'name', defaults: { pipeline_id: 1 } },
	{ name: 'projects', label: 'Project', type: 'project', searchField: 'title', fields: 'projectFields', defaults: { status: 'open', owner_id: 1 } },
	{ name: 'tasks', label: 'Task', type: 'task', searchField: 'title' },
	{ name: 'notes', label: 'Note', type: 'note', searchField: 'content', fields: 'noteFields', timeFormat: 'v1', defaults: { user_id: 1, active_flag: true } },
	{ name: 'leads', label: 'Lead', type: 'lead', uuid: true, searchField: 'title', fields: 'leadFields', defaults: { owner_id: 1, creator_id: 1 } },
	{ name: 'filters', label: 'Filter', type: 'filter', searchField: 'name', timeFormat: 'v1' },
	{ name: 'users', label: 'User', type: 'user', searchField: 'name' },
	{ name: 'files', label: 'File', type: 'file', searchField: 'name', timeFormat: 'v1', defaults: { active_flag: true } },
	{ name: 'webhooks', label: 'Webhook', type: 'webhook' },
	...FIELD_COLLECTIONS.map((name) => ({ name, label: 'Field', type: 'field', isField: true })),
];

const ENTITIES = new Map(ENTITY_LIST.map((entity) => [entity.name, entity]));
const UUID_COLLECTIONS = new Set(ENTITY_LIST.filter((e) => e.uuid).map((e) => e.name));

/** @param {string} name */
function entityFor(name) {
	return ENTITIES.get(name) ?? { name, label: 'Item', type: name };
}

/** Builds stored rows in the documented shape of each entity (templates derived from the spec once). */
class RowBuilder {
	/** @param {import('./spec').RouteTable} routes */
	constructor(routes) {
		this.routes = routes;
		/** @type {Map<string, { template: Row, containers: string[], timestamps: string[] }>} */
		this.shapes = new Map();
	}

	/** @param {string} collection */
	shape(collection) {
		let shape = this.shapes.get(collection);
		if (!shape) {
			const template = rowTemplate(this.routes, collection);
			const keys = Object.keys(template);
			const containers = keys.filter((key) => typeof template[key] === 'object' && template[key] !== null);
			const timestamps = ['add_time', 'update_time'].filter((key) => !keys.length || keys.includes(key));
			shape = { template, containers, timestamps };
			this.shapes.set(collection, shape);
		}
		return shape;
	}

	/** @param {Entity} entity @param {Row} input @param {Date} [now] @returns {Row} */
	build(entity, input, now = new Date()) {
		const { template, containers, timestamps } = this.shape(entity.name);
		/** @type {Row} */
		const row = { ...template };
		for (const key of containers) row[key] = Array.isArray(template[key]) ? [] : {};
		const time = timeOf(entity, now);
		for (const key of timestamps) row[key] = time;
		return Object.assign(row, entity.defaults, input);
	}
}

/** @param {Entity} entity @param {Date} [now] */
function timeOf(entity, now = new Date()) {
	return entity.timeFormat === 'v1' ? v1Time(now) : isoTime(now);
}

module.exports = { ENTITIES, UUID_COLLECTIONS, entityFor, timeOf, RowBuilder };
