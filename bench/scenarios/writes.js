// @ts-check
'use strict';

/** 1. Per-item writes: 2,000 deals, one input item each. */

const COUNT = 2000;

/** @type {import('./index').Scenario} */
module.exports = {
	number: 1,
	key: 'writes',
	title: `per-item writes: ${COUNT.toLocaleString('en-US')} deals, one item each`,

	async run(ctx) {
		const { contenders } = await ctx.compare('writes', {
			// The floors: the least any declarative / programmatic node pays on this engine (bench/lib/floor-nodes.js).
			contenders: ['raw', 'rawConcurrent', 'ours', ...(ctx.builtin ? ['builtin'] : []), 'floorDeclarative', 'floorProgrammatic'],
			params: { count: COUNT, warmup: 200 },
			keep: { stats: ['ms', 'perItemMs', 'cpuMs', 'rssDelta', 'heapDelta'], first: ['expressionsPerItem'] },
		});
		return { count: COUNT, contenders };
	},

	async measure(contender, { count, warmup }, kit) {
		const engine = contender.startsWith('raw') ? null : kit.engineFor(contender);
		const inFlight = contender === 'rawConcurrent' ? 8 : 1;
		const run = (/** @type {any[]} */ items) => (engine ? kit.nodeCreate(engine, contender, items) : kit.rawCreate(items, { inFlight }));
		await run(kit.inputItems(warmup, 1_000_000));
		const { output, ...measured } = await kit.measure(() => run(kit.inputItems(count)));
		const ok = output.records.filter((/** @type {any} */ r) => r && (r.json?.id ?? r.id) !== undefined).length;
		if (output.error || output.failed || ok !== count) throw new Error(`${contender}: ${ok}/${count} created, ${output.failed} failed ${output.error ?? ''}`);
		// After the measured run: how many expressions n8n evaluates per item for this node.
		const expressionsPerItem = engine ? await kit.countExpressions(() => run(kit.inputItems(50, 2_000_000)), 50) : 0;
		return { ...measured, perItemMs: measured.ms / count, created: ok, expressionsPerItem };
	},

	summary(result, r) {
		const w = result.contenders;
		return [
			{ what: 'Writes: ours / raw', value: r.times(r.ratio(r.med(w.ours, 'ms'), r.med(w.raw, 'ms'))) },
			{ what: 'Writes: minimal declarative / programmatic node / raw (the floors)', value: `${r.times(r.ratio(r.med(w.floorDeclarative, 'ms'), r.med(w.raw, 'ms')))} / ${r.times(r.ratio(r.med(w.floorProgrammatic, 'ms'), r.med(w.raw, 'ms')))}` },
			{ what: 'Writes: built-in / raw', value: w.builtin ? `${r.times(r.ratio(r.med(w.builtin, 'ms'), r.med(w.raw, 'ms')))} (${r.builtinName(w.builtin.builtinVersion)})` : '–' },
			{ what: 'Writes: ours, peak RSS Δ', value: `${r.num(r.med(w.ours, 'rssDelta') / r.MiB, 1)} MiB` },
			{ what: 'Writes: built-in, peak RSS Δ', value: w.builtin ? `${r.num(r.med(w.builtin, 'rssDelta') / r.MiB, 1)} MiB` : '–' },
		];
	},

	section(result, r) {
		const w = result.contenders;
		const perItemCpu = (/** @type {any} */ c) => r.num((r.med(c, 'cpuMs') / result.count) * 1000);
		return [
			`Input: ${r.num(result.count)} items; Title is the expression \`={{ $json.title }}\`, person 1. Ours uses its default \`requestOptions.maxConcurrency\` (8 in flight per credential); the built-in sends one request after another; the raw loop is sequential, with an 8-in-flight variant for reference. Peak RSS / heap Δ: the highest value during the run minus the value before it (after GC), median of the runs.`,
			'',
			...r.contenderTable(w, ['Contender', 'Total ms', 'ms per item', 'CPU ms of the client process', 'Peak RSS Δ (MiB)', 'Peak heap Δ (MiB)', 'Expressions per item', 'Requests'], (d, key) => [
				r.mmm(d.ms), r.mmm(d.perItemMs, 3), r.mmm(d.cpuMs), r.mmm(d.rssDelta, 1, r.MiB), r.mmm(d.heapDelta, 1, r.MiB), key.startsWith('raw') ? '–' : r.num(d.expressionsPerItem, 1), r.requestList(d.requests),
			]),
			'',
			`Ratios (medians): ours / raw sequential **${r.times(r.ratio(r.med(w.ours, 'ms'), r.med(w.raw, 'ms')))}**, ours / raw 8-in-flight ${r.times(r.ratio(r.med(w.ours, 'ms'), r.med(w.rawConcurrent, 'ms')))}${w.builtin ? `, ours / built-in **${r.times(r.ratio(r.med(w.ours, 'ms'), r.med(w.builtin, 'ms')))}**, built-in / raw ${r.times(r.ratio(r.med(w.builtin, 'ms'), r.med(w.raw, 'ms')))}` : ''}. CPU per item: ours ${perItemCpu(w.ours)} µs${w.builtin ? `, built-in ${perItemCpu(w.builtin)} µs` : ''}, raw loop ${perItemCpu(w.raw)} µs.`,
			...(w.floorDeclarative
				? [
						'',
						`The floors (\`bench/lib/floor-nodes.js\`): the same write from a declarative node with nothing but resource, operation and a routed Title, ${r.times(r.ratio(r.med(w.floorDeclarative, 'ms'), r.med(w.raw, 'ms')))} raw (${perItemCpu(w.floorDeclarative)} µs CPU per item), and from a programmatic node whose \`execute()\` only reads Title and awaits \`httpRequestWithAuthentication\`, ${r.times(r.ratio(r.med(w.floorProgrammatic, 'ms'), r.med(w.raw, 'ms')))} raw (${perItemCpu(w.floorProgrammatic)} µs). Both send through n8n's request helper, as verification requires. No declarative node can do this write for less on this engine than the first; the second is what one request after another costs a programmatic node. Ours / declarative floor ${r.times(r.ratio(r.med(w.ours, 'ms'), r.med(w.floorDeclarative, 'ms')))}.`,
					]
				: []),
		];
	},
};
