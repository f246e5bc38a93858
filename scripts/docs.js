#!/usr/bin/env node
// Writes docs/operations.md (every resource and operation as the node shows them, with method, API version
// and path, the naming review of every operation's name, node-panel action and description as designed in
// nodes/Pipedrive/surface/, and the v1 endpoints that v2 operations replace) and the summary table between the README's
// `<!-- operations:start -->` and `<!-- operations:end -->` markers, from the built node (npm run build).
// `node scripts/docs.js --check` writes nothing and exits non-zero when either is stale.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { root, loadBuilt, markdownTable, opRef } = require('./lib/catalogue');
const { computeCoverage } = require('./coverage');
const { writeChanged } = require('./lib/output');
const replacements = require('./seeds/replacements.json');

const OPERATIONS_FILE = path.join(root, 'docs/operations.md');
const README_FILE = path.join(root, 'README.md');
const MARKERS = ['<!-- operations:start -->', '<!-- operations:end -->'];
const TEMPLATE = path.join(__dirname, 'docs-operations.md');

const code = (text) => `\`${text}\``;
const byName = (a, b) => a.name.localeCompare(b.name);

/** The node as documented: resources in dropdown order, each with its operations as shown in n8n. */
function documentedNode(built) {
	const coverage = computeCoverage(built);
	const { properties } = new built.PipedriveComplete().description;
	const resourceProperty = properties.find((p) => p.name === 'resource');
	const resourceNames = new Map(resourceProperty.options.map((o) => [o.value, o.name]));
	const resources = resourceProperty.options
		.map((o) => ({
			value: o.value,
			name: o.name,
			operations: built.generatedOperations
				.filter((op) => op.resource === o.value)
				.map((op) => ({ ...op, name: built.operationDisplayName(op), action: built.operationAction(op), summaryText: built.operationDescription(op) })),
		}))
		.filter((r) => r.operations.length);
	for (const resource of resources) resource.operations.sort(byName);
	const routeNames = new Map(coverage.routed.map((r) => [opRef(r), `${resourceNames.get(r.resource)} → ${r.name}`]));
	return { coverage, resources, nameOf: (ref) => routeNames.get(ref) ?? ref, filterName: (ref, name) => filterName(properties, ref, name) };
}

/** How the node labels a list operation's filter: `Filters → Deal`. */
function filterName(properties, ref, name) {
	const id = ref.split(':')[1];
	const filters = properties.find((p) => p.name === 'filters' && p.displayOptions.show.operation.includes(id));
	const option = filters && filters.options.find((o) => o.name === name);
	return option ? `Filters → ${option.displayName} (${code(name)})` : code(name);
}

const endpoint = (op) => `${op.version} ${code(`${op.method} ${op.path}`)}`;

/** Resource: count of operations and their names — the README's table, and the top of docs/operations.md. */
function summaryTable(doc) {
	const rows = doc.resources.map((r) => [r.name, r.operations.length, r.operations.map((op) => op.name).join(', ')]);
	const total = doc.resources.reduce((n, r) => n + r.operations.length, 0);
	return `${markdownTable(['Resource', 'Operations', 'Names'], rows)}\n\n${total} operations in ${doc.resources.length} resources, plus *Custom API Call* for any other endpoint.`;
}

function operationNotes(op, replacedBy) {
	const notes = [];
	if (op.beta) notes.push('Beta');
	if (op.deprecated) notes.push(`Deprecated: ${op.deprecated}`);
	const replaces = replacedBy.get(opRef(op));
	if (replaces) notes.push(`replaces v1 ${replaces.map(code).join(', ')}`);
	return notes.join('; ');
}

/** docs/operations.md: the fixed prose is in docs-operations.md, the tables come from the node. */
function operationsMarkdown(doc) {
	const replacedBy = new Map();
	const replaced = doc.coverage.operations.filter((op) => op.status === 'replaced');
	for (const op of replaced) replacedBy.set(opRef(op.successor), [...(replacedBy.get(opRef(op.successor)) || []), op.id]);
	const instead = (e) => (e.operation ? doc.nameOf(e.operation) : 'nothing');
	const operationRow = (op) => [op.name, op.method, op.version, code(op.path), operationNotes(op, replacedBy)];
	const tables = {
		summary: summaryTable(doc),
		resources: doc.resources.map((r) => `## ${r.name}\n\n${markdownTable(['Operation', 'Method', 'API', 'Path', 'Notes'], r.operations.map(operationRow))}\n`).join('\n'),
		naming: markdownTable(['Resource', 'Name', 'Action', 'Description', 'Value'], doc.resources.flatMap((r) => r.operations.map((op) => [r.name, op.name, op.action, op.summaryText, code(op.id)]))),
		replaced: markdownTable(['v1 operation', 'v1 endpoint', 'Use', 'v2 endpoint'], replaced.map((op) => [code(op.id), endpoint(op), doc.nameOf(opRef(op.successor)), endpoint(op.successor)])),
		removed: markdownTable(
			['v1 endpoint', 'Use', 'Filter', 'Note'],
			replacements.entries.filter((e) => e.endpoint).map((e) => [code(e.endpoint), instead(e), e.filter ? doc.filterName(e.operation, e.filter) : '', e.reason ?? '']),
		),
	};
	return fs.readFileSync(TEMPLATE, 'utf8').replace(/\{(\w+)\}/g, (_, key) => tables[key]);
}

/** The README with the summary between its markers. */
function withReadmeSection(readme, section) {
	const [start, end] = MARKERS.map((m) => readme.indexOf(m));
	if (start < 0 || end < start) throw new Error(`README.md has no ${MARKERS.join(' … ')} markers`);
	return `${readme.slice(0, start + MARKERS[0].length)}\n\n${section}\n\n${readme.slice(end)}`;
}

function main() {
	const check = process.argv.includes('--check');
	const doc = documentedNode(loadBuilt());
	const changed = writeChanged(
		{
			[OPERATIONS_FILE]: operationsMarkdown(doc),
			[README_FILE]: withReadmeSection(fs.readFileSync(README_FILE, 'utf8'), summaryTable(doc)),
		},
		check,
	);
	if (check && changed.length) {
		console.error(`Stale: ${changed.join(', ')}; run npm run docs`);
		process.exitCode = 1;
	} else if (!check) for (const file of changed) console.log(`wrote ${file}`);
}

if (require.main === module) main();

module.exports = { documentedNode, operationsMarkdown, summaryTable, withReadmeSection };
