// What the coverage report, the seed mapping and the docs read: the vendored OpenAPI specs and the built node.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '../..');
const SPEC_FILES = { v1: 'openapi/pipedrive-openapi-v1.yaml', v2: 'openapi/pipedrive-openapi-v2.yaml' };
/** Where each API version lives on api.pipedrive.com (the node's routing URLs start with it). */
const URL_PREFIX = { v1: '/v1', v2: '/api/v2' };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The vendored official OpenAPI spec of an API version (v1, v2). */
const loadSpec = (version) => YAML.parse(fs.readFileSync(path.join(root, SPEC_FILES[version]), 'utf8'));

/** Every operation of both specs as `{ version, spec, path, method, op, shared }` (shared: the path's own parameters). */
function* specEntries() {
	for (const version of Object.keys(SPEC_FILES)) {
		const spec = loadSpec(version);
		for (const [apiPath, item] of Object.entries(spec.paths)) {
			for (const method of METHODS.filter((m) => item[m] && item[m].operationId)) yield { version, spec, path: apiPath, method, op: item[method], shared: item.parameters || [] };
		}
	}
}

/** Every operation of both specs: version, method, path, operationId, first tag (not `Beta`), flags. */
function specOperations() {
	return [...specEntries()].map(({ version, method, path: apiPath, op }) => {
		const tags = op.tags || [];
		const beta = tags.includes('Beta');
		return { version, method: method.toUpperCase(), path: apiPath, id: op.operationId, tag: tags.find((t) => t !== 'Beta'), summary: op.summary, deprecated: !!op.deprecated, beta };
	});
}

/** The built package (npm run build); under jest, `loadBuilt(root)` loads the TypeScript sources instead. */
function loadBuilt(dir = path.join(root, 'dist')) {
	const from = (file) => {
		try {
			return require(path.join(dir, file));
		} catch (error) {
			if (error.code === 'MODULE_NOT_FOUND' && dir.endsWith('dist')) error.message = `${error.message}\nBuild first: npm run build`;
			throw error;
		}
	};
	// The catalogue, builders, overlays and trigger events are bundled into the nodes (not separate files in dist): read from the sources.
	const fromSource = (file) => {
		if (dir === root) return from(file);
		require('./require-ts').registerTypeScript();
		return require(path.join(root, `${file}.ts`));
	};
	return {
		PipedriveComplete: from('nodes/Pipedrive/PipedriveComplete.node').PipedriveComplete,
		...fromSource('nodes/Pipedrive/operations/index'),
		...fromSource('nodes/Pipedrive/builders/operations'),
		...fromSource('nodes/Pipedrive/overlays'),
		...fromSource('nodes/PipedriveCompleteTrigger/events'),
	};
}

/** Every Operation dropdown entry of the node's description: resource, value, display name and request. */
function routedOperations(description) {
	return description.properties
		.filter((p) => p.name === 'operation' && p.displayOptions && p.displayOptions.show.resource)
		.flatMap((p) =>
			p.options.map((o) => ({
				resource: p.displayOptions.show.resource[0],
				id: o.value,
				name: o.name,
				...requestOf(o),
			})),
		);
}

/** An option's request, with the API version and spec path its URL stands for (none for API Request). */
function requestOf(option) {
	const request = option.routing && option.routing.request;
	if (!request || !request.url) return {};
	const version = Object.keys(URL_PREFIX).find((v) => request.url.startsWith(`${URL_PREFIX[v]}/`));
	return { method: request.method, url: request.url, version, path: version && request.url.slice(URL_PREFIX[version].length) };
}

const requestKey = (method, url) => `${method} ${url}`;
const specUrl = (op) => URL_PREFIX[op.version] + op.path;
const opRef = (op) => `${op.resource}:${op.id}`;

/** `GET /deals/{id}/followers` → `get_deals_by_id_followers`, the naming of connectors such as Abstra's. */
function endpointName(method, apiPath) {
	const snake = (s) => s.replace(/-/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
	const parts = apiPath
		.split('/')
		.filter(Boolean)
		.map((segment) => (/^\{.+\}$/.test(segment) ? `by_${snake(segment.slice(1, -1))}` : snake(segment)));
	return [method.toLowerCase(), ...parts].join('_');
}

/** Markdown table: a header row and rows of cells. */
function markdownTable(header, rows) {
	const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

module.exports = { root, specEntries, specOperations, loadBuilt, routedOperations, requestKey, specUrl, opRef, endpointName, markdownTable };
