// @ts-check
'use strict';

/** 5. Node load: require + description of each node in fresh processes (bench/load-node.js). */

const { summariseRuns } = require('../lib/stats');

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
			for (const target of targets) runs[target].push(await ctx.runChild('load-node.js', [target]));
		}
		const summaries = summariseRuns(runs, {
			stats: ['requireMs', 'describeMs', 'totalMs', 'heapRetained'],
			first: ['jsonChars', 'modules', 'moduleBytes', 'properties', 'operations', 'resources', 'version', 'mostRepeated'],
		});
		for (const [target, data] of Object.entries(summaries)) ctx.log(`  load ${target}: median ${data.totalMs.median.toFixed(1)} ms, ${data.jsonChars} chars`);
		return { reps: loadReps, targets: summaries };
	},

	summary(result, r) {
		const t = result.targets;
		return [{ what: 'Load: ours / built-in (ms)', value: `${r.num(r.med(t.ours, 'totalMs'), 1)} / ${t.builtin ? r.num(r.med(t.builtin, 'totalMs'), 1) : '–'}` }];
	},

	section(result, r) {
		const t = result.targets;
		const out = [
			`Each figure from a fresh process (${result.reps} per target, interleaved): \`require()\` of the node file, then \`new Node()\` and \`JSON.stringify\` of its description (for a versioned node, the default version’s). n8n-workflow is loaded before timing in both (n8n has it loaded already). Heap retained: used heap after minus before, after GC.`,
			'',
			...r.contenderTable(t, ['Target', 'require ms', 'construct + describe ms', 'Total ms', 'Modules loaded (KiB)', 'Description JSON (chars)', 'Properties', 'Operations', 'Heap retained (KiB)'], (d) => [
				r.mmm(d.requireMs, 1), r.mmm(d.describeMs, 1), r.mmm(d.totalMs, 1), `${r.num(d.modules)} (${r.num(d.moduleBytes / 1024)})`, r.num(d.jsonChars), r.num(d.properties), d.operations ? r.num(d.operations) : '–', r.num(r.med(d, 'heapRetained') / 1024),
			]),
		];
		if (t.builtin) {
			out.push('', `Ratios (medians): ours / built-in **${r.times(r.ratio(r.med(t.ours, 'totalMs'), r.med(t.builtin, 'totalMs')))}** (per operation: ${r.num((r.med(t.ours, 'totalMs') / t.ours.operations) * 1000)} µs vs ${r.num((r.med(t.builtin, 'totalMs') / t.builtin.operations) * 1000)} µs); our trigger / built-in trigger ${r.times(r.ratio(r.med(t.oursTrigger, 'totalMs'), r.med(t.builtinTrigger, 'totalMs')))}.`);
		}
		return out;
	},
};
