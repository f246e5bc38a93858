// @ts-check
'use strict';

/**
 * Loads the vendored OpenAPI files once per process (with a JSON cache in the OS temp dir, because
 * YAML parsing costs ~1 s and every jest file has its own module registry) and compiles them into a
 * route table: version → path template → method → operation.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const YAML = require('yaml');
const { normalizeSchema } = require('./schema');

/** @typedef {import('./schema').Schema} Schema */
/** @typedef {'v1' | 'v2'} Version */

/**
 * @typedef {object} Parameter
 * @property {string} name
 * @property {'path' | 'query' | 'header'} in
 * @property {boolean} required
 * @property {Schema} schema normalised
 */

/**
 * @typedef {object} Operation
 * @property {Version} version
 * @property {string} method upper case
 * @property {string} template path below the version prefix, e.g. `/deals/{id}`
 * @property {string} key `v2 GET /deals/{id}`
 * @property {string} operationId
 * @property {number} cost the spec's x-token-cost
 * @property {boolean} deprecated
 * @property {number} successStatus first 2xx status the spec lists
 * @property {'cursor' | 'offset' | null} paging from the declared query parameters
 * @property {Parameter[]} pathParams
 * @property {Map<string, Parameter>} queryParams
 * @property {Schema | null} requestBody raw requestBody object
 * @property {Schema} raw the raw operation object
 * @property {import('./handlers').Handler} [handler] resolved once when the server starts
 */

/** @typedef {{ segments: string[], ops: Map<string, Operation> }} Route one path template and its methods */

const SPEC_DIR = path.join(__dirname, '..', '..', '..', 'openapi');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Served by the OAuth host, not under /v1: see oauth.js. */
const EXCLUDED_PATHS = /^\/oauth\//;

/** @type {Record<Version, Schema> | undefined} */
let specs;

/** @param {string} file */
function loadDocument(file) {
	const text = fs.readFileSync(file, 'utf8');
	const hash = crypto.createHash('sha1').update(text).digest('hex');
	const cacheFile = path.join(os.tmpdir(), `fake-pipedrive-spec-${hash}.json`);
	try {
		return JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
	} catch {
		const doc = YAML.parse(text);
		const temp = `${cacheFile}.${process.pid}.tmp`;
		try {
			fs.writeFileSync(temp, JSON.stringify(doc));
			fs.renameSync(temp, cacheFile);
		} catch {
			// A cache is an optimisation only.
		}
		return doc;
	}
}

/** @returns {Record<Version, Schema>} */
function loadSpecs() {
	specs ??= {
		v1: loadDocument(path.join(SPEC_DIR, 'pipedrive-openapi-v1.yaml')),
		v2: loadDocument(path.join(SPEC_DIR, 'pipedrive-openapi-v2.yaml')),
	};
	return specs;
}

class RouteTable {
	constructor() {
		/** @type {Map<string, Route[]>} by `version/segment count` */
		this.routes = new Map();
		/** @type {Operation[]} */
		this.operations = [];
		/** @type {Map<string, Operation>} */
		this.byKey = new Map();
	}

	/** @param {Operation} op */
	add(op) {
		const segments = op.template.split('/').filter(Boolean);
		const bucket = `${op.version}/${segments.length}`;
		if (!this.routes.has(bucket)) this.routes.set(bucket, []);
		const routes = /** @type {Route[]} */ (this.routes.get(bucket));
		let route = routes.find((r) => r.segments.join('/') === segments.join('/'));
		if (!route) routes.push((route = { segments, ops: new Map() }));
		route.ops.set(op.method, op);
		this.operations.push(op);
		this.byKey.set(op.key, op);
	}

	/**
	 * Static segments win over parameters, left to right, as in a router; among the templates that fit,
	 * the first with the method answers.
	 * @param {Version} version
	 * @param {string} method
	 * @param {string} pathname below the version prefix; one trailing slash is ignored
	 * @returns {{ op: Operation | null, params: Record<string, string>, pathKnown: boolean }}
	 */
	match(version, method, pathname) {
		const segments = pathname.replace(/^\/|\/$/g, '').split('/').map(safeDecode);
		const fitting = (this.routes.get(`${version}/${segments.length}`) ?? [])
			.filter((route) => route.segments.every((part, i) => isParam(part) || part === segments[i]))
			.sort((a, b) => staticFirst(a.segments, b.segments));
		const route = fitting.find((r) => r.ops.has(method)) ?? fitting[0];
		if (!route) return { op: null, params: {}, pathKnown: false };
		/** @type {Record<string, string>} */
		const params = {};
		route.segments.forEach((part, i) => {
			if (isParam(part)) params[part.slice(1, -1)] = segments[i];
		});
		return { op: route.ops.get(method) ?? null, params, pathKnown: true };
	}
}

/** @param {string} segment */
function isParam(segment) {
	return segment.startsWith('{');
}

/** @param {string[]} a @param {string[]} b */
function staticFirst(a, b) {
	for (let i = 0; i < a.length; i++) {
		const order = Number(isParam(a[i])) - Number(isParam(b[i]));
		if (order) return order;
	}
	return 0;
}

/** @param {string} segment */
function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** @param {Version} version @param {string} template @param {string} method @param {Schema} raw @returns {Operation} */
function buildOperation(version, template, method, raw) {
	/** @type {Parameter[]} */
	const parameters = (raw.parameters ?? []).map((/** @type {Schema} */ p) => ({
		name: p.name,
		in: p.in,
		required: Boolean(p.required),
		schema: normalizeSchema(p.schema),
	}));
	const queryParams = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
	const upper = method.toUpperCase();
	return {
		version,
		method: upper,
		template,
		key: `${version} ${upper} ${template}`,
		operationId: raw.operationId ?? `${upper} ${template}`,
		cost: Number(raw['x-token-cost'] ?? 0),
		deprecated: Boolean(raw.deprecated),
		successStatus: Number(Object.keys(raw.responses ?? {}).find((code) => /^2\d\d$/.test(code)) ?? 200),
		paging: queryParams.has('cursor') ? 'cursor' : queryParams.has('start') ? 'offset' : null,
		pathParams: parameters.filter((p) => p.in === 'path'),
		queryParams,
		requestBody: raw.requestBody ?? null,
		raw,
	};
}

function buildRouteTable() {
	const specs = loadSpecs();
	const table = new RouteTable();
	for (const version of /** @type {Version[]} */ (['v1', 'v2'])) {
		for (const [template, item] of Object.entries(specs[version].paths)) {
			if (EXCLUDED_PATHS.test(template)) continue;
			for (const method of METHODS) {
				if (item[method]) table.add(buildOperation(version, template, method, item[method]));
			}
		}
	}
	return table;
}

/**
 * The normalised schema and example of an operation's first 2xx JSON response.
 * @param {Operation} op
 * @returns {{ schema: Schema, example: unknown, contentType: string }}
 */
function successResponse(op) {
	const response = op.raw.responses?.[String(op.successStatus)] ?? {};
	const [contentType, media] = Object.entries(response.content ?? {})[0] ?? ['application/json', {}];
	return { schema: normalizeSchema(media.schema), example: media.example, contentType };
}

module.exports = { buildRouteTable, successResponse, RouteTable };
