// Maps every action of the seed connectors (data/*.json) onto the node's operations:
// mechanically by operationId or method + path (v1 PUT ≡ v2 PATCH, removed v1 endpoints → the v2 one at
// the same path), then through replacements.json for what Pipedrive removed without a same-path successor.
'use strict';

const { endpointName, opRef } = require('../lib/catalogue');
const replacements = require('./replacements.json');

const SEED_IDS = ['bytechef', 'bytechef-docs', 'prismatic', 'abstra', 'v1-reference'];
/** direct: the same endpoint; replacement: what Pipedrive offers instead; none: Pipedrive serves it no more. */
const SEED_STATUSES = ['direct', 'replacement', 'none', 'unmapped'];

const request = (route) => `${route.version} ${route.method} ${route.path}`;
const loadSeeds = () => SEED_IDS.map((id) => require(`./data/${id}.json`));
const sameVerb = (name) => name.replace(/^put_/, 'patch_');
/** ByteChef calls Get `get<Record>Details`. */
const operationIdOf = (name) => name.replace(/^get(\w+)Details$/, 'get$1');

/** What the seed names: an operationId, or an endpoint as `<method>_<snake path>`, in an API version. */
function queryOf(action, naming) {
	if (naming === 'endpoint') {
		const [method, apiPath] = action.name.split(' ');
		return { version: action.version, endpoint: endpointName(method, apiPath) };
	}
	if (naming === 'snakePath') return { version: action.version, endpoint: action.name };
	return { version: 'v1', id: operationIdOf(action.name) };
}

/** Lookups over the coverage result: spec operations by id and endpoint, routed operations by endpoint. */
function indexes(coverage, built) {
	const spec = new Map();
	for (const op of coverage.operations) {
		spec.set(`${op.version} ${op.id}`, op);
		spec.set(`${op.version} ${endpointName(op.method, op.path)}`, op);
	}
	const routedV2 = new Map();
	for (const route of coverage.routed.filter((r) => r.version === 'v2')) {
		routedV2.set(route.id, route);
		routedV2.set(sameVerb(endpointName(route.method, route.path)), route);
	}
	const routed = new Set(coverage.routed.map(opRef));
	const table = new Map();
	for (const entry of replacements.entries) {
		const item = { ...entry, key: entry.endpoint ? endpointName(...entry.endpoint.split(' ')) : entry.aliases[0] };
		for (const name of [item.key, ...(entry.aliases || [])]) table.set(name, item);
	}
	return { spec, routedV2, table, routed, params: new Map(built.generatedOperations.map((op) => [opRef(op), op.params])) };
}

/** A replacements.json entry, checked against the node: its operation exists and has the filter it names. */
function fromTable(entry, { routed, params }) {
	entry.used = true;
	if (!entry.operation) return { status: 'none', note: entry.reason };
	if (!routed.has(entry.operation)) return { status: 'unmapped', note: `replacements.json names ${entry.operation}, which the node does not have` };
	const filters = (params.get(entry.operation) || []).filter((p) => p.in === 'query').map((p) => p.name);
	if (entry.filter && !filters.includes(entry.filter)) return { status: 'unmapped', note: `${entry.operation} has no filter ${entry.filter}` };
	const note = [entry.filter && `filter ${entry.filter}`, entry.reason].filter(Boolean).join('; ');
	return { status: entry.direct ? 'direct' : 'replacement', target: entry.operation, note };
}

/** A spec operation the seed names: routed as is, or replaced by its v2 successor. */
function fromSpec(op) {
	if (op.status === 'oauth') return { status: 'none', note: 'OAuth authorization: the OAuth2 credential does it' };
	if (op.status === 'routed') return { status: 'direct', target: opRef(op.route), note: op.deprecated ? 'deprecated, kept' : undefined };
	if (op.status === 'replaced') return { status: 'replacement', target: opRef(op.successor), note: `replaced by ${request(op.successor)}` };
	return undefined;
}

function resolve(action, naming, index) {
	const { spec, routedV2, table } = index;
	const query = queryOf(action, naming);
	const key = query.id ?? query.endpoint;
	const found = spec.get(`${query.version} ${key}`);
	const mapped = found && fromSpec(found);
	if (mapped) return mapped;
	const successor = routedV2.get(query.id ?? sameVerb(query.endpoint));
	if (successor && !found) return { status: 'replacement', target: opRef(successor), note: `removed from v1; ${request(successor)}` };
	const entry = table.get(action.name) || table.get(key);
	if (!entry) return { status: 'unmapped', note: found ? `${found.status} spec operation` : 'not in the specs' };
	return fromTable(entry, index);
}

/** ByteChef triggers: `new<Record>` / `updated<Record>` → the trigger node's `<record>.create` / `<record>.change`. */
function triggerEvent(trigger, events) {
	const match = /^(new|updated)([A-Z]\w*)$/.exec(trigger.name);
	const event = match && `${match[2][0].toLowerCase()}${match[2].slice(1)}.${match[1] === 'new' ? 'create' : 'change'}`;
	return events.has(event) ? { status: 'trigger', target: `trigger ${event}` } : { status: 'unmapped', note: 'no such trigger event' };
}

/** Prismatic data sources (`select<Record>`) → the record pickers of the node's resource locators. */
function dataSource(source, locators) {
	const entity = source.name.replace(/^select([A-Z])/, (_, c) => c.toLowerCase());
	const locator = locators[entity];
	return locator ? { status: 'picker', target: `${locator.displayName} picker (listSearch.${locator.searchMethod})` } : { status: 'unmapped' };
}

/** Every seed with each action's mapping and counts per status, and the replacements.json entries no seed used. */
function mapSeeds(coverage, built, seeds = loadSeeds()) {
	const index = indexes(coverage, built);
	const events = new Set(built.eventPresetOptions().map((o) => o.value));
	const mapped = seeds.map((seed) => {
		const actions = seed.actions.map((a) => ({ ...a, ...resolve(a, seed.naming, index) }));
		const counts = Object.fromEntries(SEED_STATUSES.map((s) => [s, actions.filter((a) => a.status === s).length]));
		return {
			...seed,
			actions,
			counts,
			triggers: (seed.triggers || []).map((t) => ({ ...t, ...triggerEvent(t, events) })),
			dataSources: (seed.dataSources || []).map((d) => ({ ...d, ...dataSource(d, built.LOCATOR_ENTITIES) })),
		};
	});
	const unusedReplacements = [...new Set([...index.table.values()].filter((e) => !e.used).map((e) => e.endpoint ?? e.key))];
	return { seeds: mapped, unusedReplacements };
}

module.exports = { mapSeeds, SEED_STATUSES };
