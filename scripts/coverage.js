#!/usr/bin/env node
// Coverage report: every operation of the vendored OpenAPI specs against the built node's Operation
// dropdowns (routed, replaced by v2, deprecated or MISSING), the node's description size and load time,
// and the mapping of other connectors' actions (scripts/seeds/) onto the node's operations.
// `npm run coverage` (builds first); `node scripts/coverage.js --seeds` lists every seed action's mapping
// (by default only those Pipedrive no longer serves, and any left unmapped).
// Exits non-zero when a non-deprecated operation or a seed action Pipedrive still serves is not covered.
'use strict';

const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { root, specOperations, loadBuilt, routedOperations, requestKey, specUrl, opRef, markdownTable } = require('./lib/catalogue');
const { mapSeeds, SEED_STATUSES } = require('./seeds/mapping');

/** What the coverage was first sized at; the report explains any difference. */
const EXPECTED = { operations: 351, distinct: 303 };
/** n8n's built-in Pipedrive node (n8n-nodes-base.pipedrive) for comparison. */
const BUILT_IN = { descriptionChars: 89029, operations: 49 };

const shape = (p) => p.replace(/\{[^}]+\}/g, '{}');

function groupBy(items, keyOf) {
	const groups = new Map();
	for (const item of items) {
		const key = keyOf(item);
		if (!groups.has(key)) groups.set(key, []);
		groups.get(key).push(item);
	}
	return groups;
}

/** Status of one spec operation: routed, replaced (by a routed v2 operation), dropped (deprecated), missing, oauth. */
function statusOf(op, route, successor) {
	if (op.tag === 'Oauth') return 'oauth';
	if (route) return 'routed';
	if (successor) return 'replaced';
	return op.deprecated ? 'dropped' : 'missing';
}

/** Things in the node's description that do not line up with the spec. */
function routingProblems(operations, routed) {
	const specByRequest = new Map(operations.map((op) => [requestKey(op.method, specUrl(op)), op]));
	const problems = [];
	for (const route of routed.filter((r) => r.url)) {
		const op = specByRequest.get(requestKey(route.method, route.url));
		if (!op) problems.push(`${opRef(route)} routes ${route.method} ${route.url}, which no spec operation has`);
		else if (op.id !== route.id) problems.push(`${opRef(route)} routes ${op.version} ${op.id} (${route.method} ${route.url}): value differs from the operationId`);
	}
	for (const op of operations.filter((o) => o.routes.length > 1)) {
		problems.push(`${op.version} ${op.id} is routed ${op.routes.length} times: ${op.routes.map(opRef).join(', ')}`);
	}
	for (const op of operations.filter((o) => o.route)) {
		const label = op.deprecated ? '(Deprecated)' : op.beta ? '(Beta)' : undefined;
		if (label && !op.route.name.endsWith(label)) problems.push(`${opRef(op.route)} is ${label.slice(1, -1).toLowerCase()} but shown as "${op.route.name}"`);
	}
	return problems;
}

/** Spec operations against the built node's routing: the numbers behind `npm run coverage`. */
function computeCoverage(built = loadBuilt(), specs = specOperations()) {
	const routed = routedOperations(new built.PipedriveComplete().description);
	const routesByRequest = groupBy(routed.filter((r) => r.url), (r) => requestKey(r.method, r.url));
	const routedV2 = new Map(routed.filter((r) => r.version === 'v2').map((r) => [opRef(r), r]));
	const successorOf = new Map(require('./data/replaced-v1-operations.json').map((r) => [r.v1, routedV2.get(`${r.resource}:${r.v2}`)]));
	const operations = specs.map((op) => {
		const routes = routesByRequest.get(requestKey(op.method, specUrl(op))) || [];
		const successor = op.version === 'v1' ? successorOf.get(op.id) : undefined;
		return { ...op, routes, route: routes[0], successor, status: statusOf(op, routes[0], successor) };
	});
	const counted = operations.filter((op) => op.status !== 'oauth');
	const live = counted.filter((op) => !op.deprecated);
	const replaced = live.filter((op) => op.status === 'replaced');
	return {
		routed,
		operations,
		rows: [...groupBy(counted, (op) => `${op.tag}\t${op.version}`).values()].map(tableRow),
		total: tableRow(counted),
		live: live.length,
		covered: live.filter((op) => op.status === 'routed' || op.status === 'replaced').length,
		distinct: live.length - replaced.length,
		movedReplacements: replaced.filter((op) => shape(op.path) !== shape(op.successor.path)),
		missing: live.filter((op) => op.status === 'missing'),
		deprecated: groupBy(counted.filter((op) => op.deprecated), (op) => op.status),
		problems: routingProblems(counted, routed),
	};
}

function tableRow(ops) {
	const count = (test) => ops.filter(test).length;
	return {
		tag: ops[0].tag,
		version: ops[0].version,
		spec: ops.length,
		routed: count((op) => op.status === 'routed' && !op.deprecated),
		replaced: count((op) => op.status === 'replaced' && !op.deprecated),
		deprecated: count((op) => op.deprecated),
		missing: count((op) => op.status === 'missing'),
	};
}

function coverageReport(c) {
	const cells = (r) => [r.tag, r.version, r.spec, r.routed, r.replaced, r.deprecated, r.missing];
	const header = ['tag', 'version', 'ops in spec', 'routed', 'replaced by v2', 'deprecated', 'missing'];
	const lines = [markdownTable(header, [...c.rows.map(cells), cells({ ...c.total, tag: 'TOTAL', version: '' })]), ''];
	const deprecated = [...c.deprecated].map(([status, ops]) => `${ops.length} ${{ routed: 'kept and labelled', replaced: 'replaced by v2', dropped: 'dropped' }[status]}`);
	lines.push(`Deprecated: ${c.total.deprecated} (${deprecated.join(', ')}); OAuth operations are the credential's job and not counted.`);
	lines.push(`Missing: ${c.missing.length ? c.missing.map((op) => `\n  ${op.version} ${op.id} (${op.method} ${op.path})`).join('') : 'none'}`);
	if (c.problems.length) lines.push(`Routing problems:${c.problems.map((p) => `\n  ${p}`).join('')}`);
	lines.push('', `${c.covered} of ${c.live} non-deprecated, non-OAuth operations covered (${c.distinct} distinct actions)`);
	if (c.live !== EXPECTED.operations) lines.push(`  (the specs now have ${c.live} such operations where ${EXPECTED.operations} were counted before)`);
	if (c.distinct !== EXPECTED.distinct) {
		const moved = c.movedReplacements.map((op) => `\n    ${op.version} ${op.id} ${op.path} → ${op.successor.version} ${op.successor.path}`);
		const samePath = c.live - c.distinct - moved.length;
		lines.push(
			`  (${EXPECTED.distinct} was ${c.live} less the ${samePath} v1 operations replaced by a v2 operation at the same path;` +
				` ${moved.length} more are replaced by v2 operations at a new path, which makes ${c.distinct}:${moved.join('')})`,
		);
	}
	return lines.join('\n');
}

/** Description size and the time to require the node and build its description, in fresh processes (median of 3). */
function measureDescription(dir = path.join(root, 'dist')) {
	const nodeFile = path.join(dir, 'nodes/Pipedrive/PipedriveComplete.node.js');
	const script = `const t0 = process.hrtime.bigint();
const { PipedriveComplete } = require(${JSON.stringify(nodeFile)});
const chars = JSON.stringify(new PipedriveComplete().description).length;
console.log(JSON.stringify({ chars, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));`;
	const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
	const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[1];
	return { chars: runs[0].chars, ms };
}

function sizeReport(size, c) {
	const operations = c.routed.filter((r) => r.url).length;
	const ratio = (size.chars / BUILT_IN.descriptionChars).toFixed(1);
	return markdownTable(
		['node', 'description JSON (chars)', 'operations', 'require + description (ms)'],
		[
			['Pipedrive Complete', size.chars, operations, Math.round(size.ms)],
			['n8n built-in Pipedrive', BUILT_IN.descriptionChars, BUILT_IN.operations, '-'],
		],
	) + `\n(${ratio}× the built-in's description for ${(operations / BUILT_IN.operations).toFixed(1)}× its operations)`;
}

function seedReport({ seeds, unusedReplacements }, listAll) {
	const header = ['seed', 'actions', 'mapped directly', 'to a replacement', 'removed, none', 'unmapped', 'triggers', 'data sources'];
	const lines = [markdownTable(header, seeds.map((s) => [s.title, s.actions.length, ...SEED_STATUSES.map((st) => s.counts[st]), s.triggers.length, s.dataSources.length]))];
	for (const seed of seeds) {
		const all = [...seed.actions, ...seed.triggers, ...seed.dataSources];
		const shown = listAll ? all : all.filter((a) => a.status === 'none' || a.status === 'unmapped');
		if (!shown.length) continue;
		lines.push('', `${seed.title} (${seed.file}):`);
		for (const a of shown) {
			lines.push(`  ${a.title ? `${a.title} (${a.name})` : a.name} → ${a.target ?? a.status.toUpperCase()}${a.note ? ` (${a.note})` : ''}`);
		}
	}
	if (unusedReplacements.length) lines.push('', `replacements.json entries no seed needs: ${unusedReplacements.join(', ')}`);
	return lines.join('\n');
}

function main() {
	const args = new Set(process.argv.slice(2));
	const built = loadBuilt();
	const coverage = computeCoverage(built);
	const mapping = mapSeeds(coverage, built);
	console.log(`${coverageReport(coverage)}\n`);
	console.log(`${sizeReport(measureDescription(), coverage)}\n`);
	console.log(seedReport(mapping, args.has('--seeds')));
	const unmapped = mapping.seeds.flatMap((s) => [...s.actions, ...s.triggers, ...s.dataSources].filter((a) => a.status === 'unmapped'));
	if (coverage.missing.length || coverage.problems.length || unmapped.length) {
		console.error(`\nFAILED: ${coverage.missing.length} missing operations, ${coverage.problems.length} routing problems, ${unmapped.length} unmapped seed actions`);
		process.exitCode = 1;
	}
}

if (require.main === module) main();

module.exports = { computeCoverage, mapSeeds, measureDescription };
