// @ts-check
'use strict';

/**
 * Scenario 5, in a fresh process each time (forked by bench/run.js with --expose-gc): how long
 * `require()` of a node file and building its description take, the description's JSON size, and the
 * heap the loaded node keeps. n8n-workflow is loaded first and not timed: n8n has it loaded already.
 *
 * argv[2]: ours | builtin | oursTrigger | builtinTrigger
 */

const fs = require('fs');
const { prepareProcess, PATHS, ROOT } = require('./lib/env');

prepareProcess();
require('n8n-workflow');

/**
 * Ours is measured as published: `npm run build` bundles tsc's output (scripts/bundle.js) and the bench
 * compiles with tsc only, so the first load bundles that output the same way, in a child process,
 * before anything is timed.
 */
function bundleOursAsPublished() {
	const bundle = require('path').join(PATHS.ourDist, 'nodes', 'pipedriveComplete.bundle.js');
	if (fs.existsSync(bundle)) return;
	require('child_process').execFileSync(process.execPath, [require('path').join(ROOT, 'scripts', 'bundle.js'), PATHS.ourDist], { stdio: 'inherit' });
}
if (String(process.argv[2]).startsWith('ours')) bundleOursAsPublished();

/** @type {Record<string, string>} */
const FILES = {
	ours: PATHS.ourNode,
	builtin: PATHS.builtinNode,
	oursTrigger: PATHS.ourTrigger,
	builtinTrigger: PATHS.builtinTrigger,
};

/** @param {any} description */
function countOperations(description) {
	const properties = description.properties ?? [];
	const resources = properties.filter((/** @type {any} */ p) => p.name === 'resource').flatMap((/** @type {any} */ p) => p.options ?? []);
	const operations = properties.filter((/** @type {any} */ p) => p.name === 'operation').flatMap((/** @type {any} */ p) => p.options ?? []);
	/** @type {Record<string, number>} top-level properties per name: n8n's RoutingNode evaluates a set parameter once per same-named property, per item */
	const sameName = {};
	for (const property of properties) sameName[property.name] = (sameName[property.name] ?? 0) + 1;
	const mostRepeated = Object.entries(sameName).sort((a, b) => b[1] - a[1]).slice(0, 6);
	return { resources: new Set(resources.map((/** @type {any} */ o) => o.value)).size, operations: operations.length, properties: properties.length, mostRepeated };
}

async function main() {
	const target = process.argv[2];
	const profileFile = process.argv[3];
	const profiler = profileFile ? await require('./lib/profile').startProfile() : null;
	const file = FILES[target];
	const gc = /** @type {any} */ (globalThis).gc ?? (() => {});
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const cached = new Set(Object.keys(require.cache));
	const t0 = process.hrtime.bigint();
	const exported = require(file);
	const t1 = process.hrtime.bigint();
	const NodeClass = /** @type {any} */ (Object.values(exported).find((value) => typeof value === 'function'));
	const instance = new NodeClass();
	// A VersionedNodeType holds one description per version; n8n shows the default one.
	const version = instance.nodeVersions ? instance.description.defaultVersion : undefined;
	const description = version !== undefined ? instance.nodeVersions[version].description : instance.description;
	const json = JSON.stringify(description);
	const t2 = process.hrtime.bigint();
	if (profiler) await profiler.stop(profileFile);
	const loaded = Object.keys(require.cache).filter((key) => !cached.has(key));
	const moduleBytes = loaded.reduce((sum, key) => sum + fs.statSync(key).size, 0);
	gc();
	const heapAfter = process.memoryUsage().heapUsed;
	const result = {
		target,
		requireMs: Number(t1 - t0) / 1e6,
		describeMs: Number(t2 - t1) / 1e6,
		totalMs: Number(t2 - t0) / 1e6,
		jsonChars: json.length,
		heapRetained: heapAfter - heapBefore,
		modules: loaded.length,
		moduleBytes,
		version: version ?? description.version,
		builtinVersion: version ?? description.version,
		...countOperations(description),
	};
	process.send?.({ ok: true, result }, () => process.exit(0));
}

main().catch((error) => {
	process.send?.({ ok: false, error: String(/** @type {Error} */ (error)?.stack ?? error) }, () => process.exit(1));
});
