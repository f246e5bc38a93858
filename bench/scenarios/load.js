// @ts-check
'use strict';

/**
 * 5. Node load, in a fresh worker process each time: how long `require()` of a node file and building
 * its description take, the description's JSON size, and the heap the loaded node keeps. n8n-workflow
 * is loaded first and not timed: n8n has it loaded already.
 */

const fs = require('fs');
const path = require('path');

const { PATHS, ROOT } = require('../lib/env');
const { summariseRuns } = require('../lib/stats');

const FILES = { ours: PATHS.ourNode, builtin: PATHS.builtinNode, oursTrigger: PATHS.ourTrigger, builtinTrigger: PATHS.builtinTrigger };

/**
 * Resources, operations and top-level properties of a description, and the names most repeated among
 * the latter (n8n's RoutingNode evaluates a set parameter once per same-named property, per item).
 * @param {any} description
 */
function countOperations(description) {
	const properties = description.properties ?? [];
	const optionsOf = (/** @type {string} */ name) => properties.filter((/** @type {any} */ p) => p.name === name).flatMap((/** @type {any} */ p) => p.options ?? []);
	/** @type {Record<string, number>} */
	const sameName = {};
	for (const property of properties) sameName[property.name] = (sameName[property.name] ?? 0) + 1;
	const mostRepeated = Object.entries(sameName).sort((a, b) => b[1] - a[1]).slice(0, 6);
	return { resources: new Set(optionsOf('resource').map((/** @type {any} */ o) => o.value)).size, operations: optionsOf('operation').length, properties: properties.length, mostRepeated };
}

/** @type {import('./index').Scenario} */
module.exports = {
	number: 5,
	key: 'load',
	title: 'node load (fresh processes)',

	async run(ctx) {
		const targets = ['ours', 'oursTrigger', ...(ctx.builtin ? ['builtin', 'builtinTrigger'] : [])];
		/** @type {Record<string, any[]>} */
		const runs = Object.fromEntries(targets.map((t) => [t, []]));
		const loadReps = Math.max(ctx.reps * 2, 10);
		for (let rep = 1; rep <= loadReps; rep++) {
			for (const target of targets) runs[target].push(await ctx.runChild('worker.js', [JSON.stringify({ scenario: 'load', contender: target })]));
		}
		const summaries = summariseRuns(runs, {
			stats: ['requireMs', 'describeMs', 'totalMs', 'heapRetained'],
			first: ['jsonChars', 'modules', 'moduleBytes', 'properties', 'operations', 'resources', 'version', 'mostRepeated'],
		});
		for (const [target, data] of Object.entries(summaries)) ctx.log(`  load ${target}: median ${data.totalMs.median.toFixed(1)} ms, ${data.jsonChars} chars`);
		return { reps: loadReps, targets: summaries };
	},

	async measure(target, _params, kit) {
		require('n8n-workflow');
		// Ours is measured as published: `npm run build` bundles tsc's output (scripts/bundle.js) and the bench
		// compiles with tsc only, so the first load bundles that output the same way before anything is timed.
		if (target.startsWith('ours') && !fs.existsSync(path.join(PATHS.ourDist, 'nodes', 'pipedriveComplete.bundle.js'))) {
			require('child_process').execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.js'), PATHS.ourDist], { stdio: 'inherit' });
		}
		kit.gc();
		const heapBefore = process.memoryUsage().heapUsed;
		const profiler = kit.task.profileFile ? await require('../lib/profile').startProfile() : null;
		const cached = new Set(Object.keys(require.cache));
		const t0 = process.hrtime.bigint();
		const exported = require(/** @type {Record<string, string>} */ (FILES)[target]);
		const t1 = process.hrtime.bigint();
		const instance = new (/** @type {any} */ (Object.values(exported).find((value) => typeof value === 'function')))();
		// A VersionedNodeType holds one description per version; n8n shows the default one.
		const version = instance.nodeVersions ? instance.description.defaultVersion : undefined;
		const description = version !== undefined ? instance.nodeVersions[version].description : instance.description;
		const json = JSON.stringify(description);
		const t2 = process.hrtime.bigint();
		if (profiler) await profiler.stop(/** @type {string} */ (kit.task.profileFile));
		const loaded = Object.keys(require.cache).filter((key) => !cached.has(key));
		kit.gc();
		return {
			target,
			requireMs: Number(t1 - t0) / 1e6,
			describeMs: Number(t2 - t1) / 1e6,
			totalMs: Number(t2 - t0) / 1e6,
			jsonChars: json.length,
			heapRetained: process.memoryUsage().heapUsed - heapBefore,
			modules: loaded.length,
			moduleBytes: loaded.reduce((sum, key) => sum + fs.statSync(key).size, 0),
			version: version ?? description.version,
			builtinVersion: version ?? description.version,
			...countOperations(description),
		};
	},

	summary(result, r) {
		const t = result.targets;
		return [{ what: 'Load: ours / built-in (ms)', value: `${r.num(r.med(t.ours, 'totalMs'), 1)} / ${t.builtin ? r.num(r.med(t.builtin, 'totalMs'), 1) : '–'}` }];
	},

	section(result, r) {
		const t = result.targets;
		return [
			`Each figure from a fresh process (${result.reps} per target, interleaved): \`require()\` of the node file, then \`new Node()\` and \`JSON.stringify\` of its description (for a versioned node, the default version’s). n8n-workflow is loaded before timing in both (n8n has it loaded already). Heap retained: used heap after minus before, after GC.`,
			'',
			...r.contenderTable(t, ['Target', 'require ms', 'construct + describe ms', 'Total ms', 'Modules loaded (KiB)', 'Description JSON (chars)', 'Properties', 'Operations', 'Heap retained (KiB)'], (d) => [
				r.mmm(d.requireMs, 1), r.mmm(d.describeMs, 1), r.mmm(d.totalMs, 1), `${r.num(d.modules)} (${r.num(d.moduleBytes / 1024)})`, r.num(d.jsonChars), r.num(d.properties), d.operations ? r.num(d.operations) : '–', r.num(r.med(d, 'heapRetained') / 1024),
			]),
			...(t.builtin ? ['', `Ratios (medians): ours / built-in **${r.times(r.ratio(r.med(t.ours, 'totalMs'), r.med(t.builtin, 'totalMs')))}** (per operation: ${r.num((r.med(t.ours, 'totalMs') / t.ours.operations) * 1000)} µs vs ${r.num((r.med(t.builtin, 'totalMs') / t.builtin.operations) * 1000)} µs); our trigger / built-in trigger ${r.times(r.ratio(r.med(t.oursTrigger, 'totalMs'), r.med(t.builtinTrigger, 'totalMs')))}.`] : []),
		];
	},
};
