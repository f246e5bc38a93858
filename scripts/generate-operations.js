// The operation catalogue from the vendored official OpenAPI specs (openapi/), the first step of
// `npm run generate`: nodes/Pipedrive/operations/<resource>.json and their index.ts, which the node's
// builders turn into n8n properties and the executor's operation table, and
// scripts/data/replaced-v1-operations.json (which v2 operation replaces which v1 one, for the coverage report).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { root, specEntries } = require('./lib/catalogue');

const outDir = path.join(root, 'nodes/Pipedrive/operations');
const replacedFile = path.join(root, 'scripts/data/replaced-v1-operations.json');

/** Spec tag → n8n resource value, what a user picks: the tag in singular camelCase (Activities → activity). */
const resourceOf = (tag) => tag[0].toLowerCase() + tag.slice(1).replace(/ies$/, 'y').replace(/s$/, '');

/** Deprecated v1 operations that stay available because nothing replaces them, with what to use instead. */
const DEPRECATED_KEPT = require('./data/deprecated-kept.json');

function resolveRef(spec, node) {
	if (!node || !node.$ref) return node;
	return resolveRef(spec, node.$ref.replace(/^#\//, '').split('/').reduce((acc, key) => acc[key], spec));
}

/** Flattens allOf/oneOf/anyOf into one object schema: properties merged, required only when all agree. */
function flattenSchema(spec, schema) {
	const resolved = resolveRef(spec, schema) || {};
	if (resolved.allOf) {
		const parts = resolved.allOf.map((part) => flattenSchema(spec, part));
		// allOf around a scalar (e.g. a $ref'd enum plus a description) stays that scalar.
		if (!parts.some((p) => p.properties || p.type === 'object')) {
			return Object.assign({}, ...parts, { ...resolved, allOf: undefined });
		}
		return {
			...resolved,
			allOf: undefined,
			type: 'object',
			properties: Object.assign({}, ...parts.map((p) => p.properties || {})),
			required: parts.flatMap((p) => p.required || []),
		};
	}
	const alternatives = resolved.oneOf || resolved.anyOf;
	if (alternatives && !resolved.properties) {
		const parts = alternatives.map((part) => flattenSchema(spec, part));
		const objectParts = parts.filter((p) => p.properties);
		if (objectParts.length === 0) return parts[0] || {};
		const requiredEverywhere = (objectParts[0].required || []).filter((name) =>
			objectParts.every((p) => (p.required || []).includes(name)),
		);
		return {
			type: 'object',
			properties: Object.assign({}, ...objectParts.map((p) => p.properties)),
			required: requiredEverywhere,
		};
	}
	return resolved;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|approx|incl)|\b[A-Z])\.$/i;

/** Where the first sentence ends: a period before whitespace, not after an abbreviation such as "e.g.". */
function firstSentenceEnd(text) {
	const ends = /\.(?=\s)/g;
	let match;
	while ((match = ends.exec(text))) {
		if (!ABBREVIATIONS.test(text.slice(0, match.index + 1))) return match.index;
	}
	return -1;
}

/** First sentence of a spec description, without markup, short enough for a field hint. */
function shortText(text, max = 220) {
	if (!text) return undefined;
	let plain = String(text)
		// Value tables and their headings are listed as the field's options, not repeated in its hint.
		.replace(/<h\d\b[^>]*>[\s\S]*?<\/h\d>|<table\b[\s\S]*?<\/table>/gi, ' ')
		// Line and block breaks separate sentences ("a deal.<br>If a company…"): keep a space there.
		.replace(/<(?:br|\/?p|\/li|\/tr|\/h\d|\/table)\b[^>]*>/gi, ' ')
		.replace(/<[^>]+>/g, '')
		.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
		.replace(/`/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const sentenceEnd = firstSentenceEnd(plain);
	if (sentenceEnd > 0 && sentenceEnd < max) plain = plain.slice(0, sentenceEnd + 1);
	// A sentence cut at an explanatory dash ("… (field_key) — e.g. when …") keeps only what precedes the dash.
	if (plain.length > max) plain = plain.replace(/\s+—\s+(?:e\.g\.|i\.e\.).*$/, '.');
	if (plain.length > max) plain = plain.slice(0, max - 1).trimEnd() + '…';
	return plain || undefined;
}

function parameterType(schema) {
	if (!schema) return 'string';
	if (schema.format === 'binary') return 'file';
	if (schema.type) return Array.isArray(schema.type) ? schema.type[0] : schema.type;
	if (schema.properties) return 'object';
	if (schema.items) return 'array';
	return 'string';
}

/** A small valid-looking value for a schema: required properties (or the first few), typed samples. */
function sampleOf(spec, schemaIn, depth = 0) {
	const schema = flattenSchema(spec, schemaIn || {});
	if (schema.enum && schema.enum.length) return schema.enum.find((v) => v !== null);
	if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example;
	switch (parameterType(schema)) {
		case 'integer':
		case 'number':
			return 1;
		case 'boolean':
			return true;
		case 'array':
			return depth > 2 ? [] : [sampleOf(spec, schema.items, depth + 1)];
		case 'object': {
			if (depth > 2 || !schema.properties) return {};
			const names = schema.required && schema.required.length ? schema.required : Object.keys(schema.properties).slice(0, 3);
			return Object.fromEntries(names.filter((n) => schema.properties[n]).map((n) => [n, sampleOf(spec, schema.properties[n], depth + 1)]));
		}
		default:
			return schema.format === 'date' ? '2026-01-31' : 'text';
	}
}

function describeParameter(spec, name, location, schemaIn, required, description) {
	const schema = flattenSchema(spec, schemaIn || {});
	const param = { name, in: location, type: parameterType(schema) };
	if (required) param.required = true;
	const enumValues = schema.enum || (schema.items && resolveRef(spec, schema.items).enum);
	if (enumValues && enumValues.length) param.enum = enumValues.filter((v) => v !== null);
	if (param.type === 'array' && schema.items) param.items = parameterType(flattenSchema(spec, schema.items));
	// Structured values are typed as JSON by the user: show them the shape Pipedrive expects.
	if (param.type === 'object' || (param.type === 'array' && param.items === 'object')) {
		const example = JSON.stringify(sampleOf(spec, schema));
		if (example !== '{}' && example !== '[{}]') param.example = example;
	}
	if (schema.default !== undefined && typeof schema.default !== 'object') param.default = schema.default;
	if (schema.format && ['date', 'date-time', 'email', 'uuid'].includes(schema.format)) param.format = schema.format;
	if (name === 'email' && param.type === 'string') param.format = 'email';
	if (typeof schema.minimum === 'number') param.min = schema.minimum;
	if (typeof schema.maximum === 'number') param.max = schema.maximum;
	if (schema.nullable) param.nullable = true;
	// Shown masked in the editor (and n8n's verification insists on it for such names).
	if (/password|secret/i.test(name)) param.typeOptions = { password: true };
	// "A comma-separated string array" of enum values: offered as a multi-select, sent joined by commas.
	if (param.type === 'string' && param.enum && /comma[- ]separated/i.test(description || schema.description || '')) {
		param.type = 'array';
		param.items = 'string';
	}
	const text = shortText(description || schema.description);
	if (text) param.description = text;
	return param;
}

function requestBodyOf(spec, op) {
	const content = op.requestBody && resolveRef(spec, op.requestBody).content;
	if (!content) return { encoding: undefined, params: [], required: false };
	const [mediaType] = Object.keys(content);
	const encoding = mediaType.includes('multipart') ? 'multipart' : mediaType.includes('x-www-form-urlencoded') ? 'form' : 'json';
	const schema = flattenSchema(spec, content[mediaType].schema || {});
	const required = new Set(schema.required || []);
	const params = Object.entries(schema.properties || {})
		.filter(([, prop]) => !resolveRef(spec, prop).readOnly)
		.map(([name, prop]) => describeParameter(spec, name, 'body', prop, required.has(name)));
	if (!schema.properties && schema.type === 'array') {
		params.push(describeParameter(spec, 'items', 'body', schema, true, 'JSON array sent as the request body'));
	}
	const requiresContent = !!resolveRef(spec, op.requestBody).required && (schema.minProperties > 0 || schema.type === 'array');
	return { encoding, params, required: requiresContent };
}

/** A success response that is not JSON (a file download). */
function isBinaryResponse(spec, op) {
	const ok = op.responses && (op.responses['200'] || op.responses['201']);
	const content = ok && resolveRef(spec, ok).content;
	return !!content && Object.keys(content).some((type) => !type.includes('json'));
}

function pagingOf(params) {
	const names = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
	if (names.has('cursor')) return 'cursor';
	if (names.has('start')) return 'offset';
	return undefined;
}

/** v1 paths whose v2 successor moved (project boards and phases left /projects in v2). */
const MOVED_IN_V2 = { '/projects/boards': '/boards', '/projects/phases': '/phases' };

/** The same action in v1 and v2 has the same key: PUT and PATCH both update; moved paths map across. */
function normalisedKey(method, p) {
	const verb = method === 'put' ? 'patch' : method;
	let shape = p;
	for (const [from, to] of Object.entries(MOVED_IN_V2)) if (shape.startsWith(from)) shape = to + shape.slice(from.length);
	return `${verb} ${shape.replace(/\{[^}]+\}/g, '{}')}`;
}

function collectOperations() {
	const all = [];
	for (const { version, spec, path: p, method, op, shared } of specEntries()) {
		const tags = (op.tags || []).filter((t) => t !== 'Beta');
		if (tags.includes('Oauth')) continue;
		if (!tags[0]) throw new Error(`No tag, so no resource, for ${op.operationId}`);
		const resource = resourceOf(tags[0]);
		const pathAndQuery = [...shared, ...(op.parameters || [])]
			.map((param) => resolveRef(spec, param))
			.filter((param) => param.in === 'path' || param.in === 'query')
			.map((param) =>
				describeParameter(spec, param.name, param.in, param.schema, param.required || param.in === 'path', param.description),
			);
		const body = requestBodyOf(spec, op);
		const params = [...pathAndQuery, ...body.params];
		const definition = {
			id: op.operationId,
			resource,
			version,
			method: method.toUpperCase(),
			path: p,
			summary: shortText(op.summary, 120),
			description: shortText(op['x-tool-description'] || op.description, 300),
			params,
		};
		if (body.encoding && body.encoding !== 'json') definition.bodyEncoding = body.encoding;
		if (body.required) definition.bodyRequired = true;
		const paging = pagingOf(params);
		if (paging) definition.paging = paging;
		if (isBinaryResponse(spec, op)) definition.binaryResponse = true;
		if (op['x-token-cost'] !== undefined) definition.tokenCost = op['x-token-cost'];
		const scopes = (op.security || []).flatMap((entry) => entry.oauth2 || []);
		if (scopes.length) definition.scopes = scopes;
		if ((op.tags || []).includes('Beta')) definition.beta = true;
		if (op.deprecated) definition.deprecated = DEPRECATED_KEPT[op.operationId] || 'deprecated';
		definition.key = normalisedKey(method, p);
		all.push(definition);
	}
	return all;
}

/**
 * v2 wins where both versions have the action; a v1 operation is kept only when nothing replaces it
 * (v1 and v2 share ids such as getDealFields: the replaced v1 one is recorded and dropped).
 */
function chooseOperations(all) {
	const v2Keys = new Map(all.filter((o) => o.version === 'v2').map((o) => [o.key, o]));
	const chosen = [];
	const replaced = [];
	for (const op of all) {
		if (op.version === 'v1' && v2Keys.has(op.key)) {
			replaced.push({ v1: op.id, v2: v2Keys.get(op.key).id, resource: op.resource, kind: 'same action' });
			continue;
		}
		if (op.deprecated && !DEPRECATED_KEPT[op.id]) continue;
		chosen.push(op);
	}
	return { chosen, replaced };
}

/** Readable JSON: one operation field per line, one parameter per line. */
function jsonLiteral(operations) {
	const block = (op) => {
		const lines = Object.entries(op).map(([key, value]) =>
			key === 'params'
				? `\t\t"params": [\n${value.map((p) => `\t\t\t${JSON.stringify(p)}`).join(',\n')}\n\t\t]`
				: `\t\t${JSON.stringify(key)}: ${JSON.stringify(value)}`,
		);
		return `\t{\n${lines.join(',\n')}\n\t}`;
	};
	return `[\n${operations.map(block).join(',\n')}\n]\n`;
}

/** The catalogue's files as they should be, and the files in its folder that should not be there. */
function catalogueFiles() {
	const { chosen, replaced } = chooseOperations(collectOperations());
	const byResource = new Map();
	for (const op of chosen) {
		delete op.key;
		if (!byResource.has(op.resource)) byResource.set(op.resource, []);
		byResource.get(op.resource).push(op);
	}
	const resources = [...byResource.keys()].sort();
	const files = {};
	for (const resource of resources) {
		const ops = byResource.get(resource).sort((a, b) => a.id.localeCompare(b.id));
		files[path.join(outDir, `${resource}.json`)] = jsonLiteral(ops);
	}
	files[path.join(outDir, 'index.ts')] =
		'// Generated by scripts/generate-operations.js from openapi/*.yaml. Do not edit by hand:\n' +
		'// change the spec input or the generator; how operations look is designed in nodes/Pipedrive/surface/.\n' +
		'// Each operation is data in <resource>.json, keyed by Pipedrive\'s operationId.\n' +
		"import type { OperationDefinition } from '../types';\n" +
		resources.map((r) => `import ${r} from './${r}.json';\n`).join('') +
		'\n/** Every generated operation, grouped by resource. */\n' +
		'export const generatedOperations = [\n' +
		resources.map((r) => `\t...${r},\n`).join('') +
		'] as OperationDefinition[];\n';
	// Read by the coverage report only, so it stays out of the node.
	files[replacedFile] = `${JSON.stringify(replaced, null, '\t')}\n`;
	const obsolete = (fs.existsSync(outDir) ? fs.readdirSync(outDir) : []).map((file) => path.join(outDir, file)).filter((file) => !(file in files));
	return { files, obsolete, summary: `${chosen.length} operations in ${resources.length} resources; ${replaced.length} v1 operations replaced by v2` };
}

module.exports = { catalogueFiles };
