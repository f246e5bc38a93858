// @ts-check
'use strict';

/**
 * 8. Description structure: n8n's per-item cost for a declarative node as a function of the
 * description's shape alone (bench/lib/synthetic-node.js: no request, no node code), on each engine.
 * Varies the number of top-level properties, the entries of the set collection, and how many
 * operations each hidden property's displayOptions lists. Every item is pending at once, as behind a
 * rate limiter, and the heap then (after a full GC) gives the bytes per pending item.
 */

const COUNT = 2000;

/**
 * Contender names: N top-level properties, M collection entries, K operations per hidden property's
 * displayOptions list; `-R`: the hidden properties belong to another resource (named first in show).
 */
const SHAPES = [
	...['N10', 'N50', 'N100', 'N186', 'N400'].map((n) => `${n}-M10-K1`),
	...['N50-M100-K1', 'N50-M300-K1', 'N186-M10-K20', 'N186-M10-K80', 'N186-M10-K80-R', 'N10-M10-K1-X', 'N186-M10-K1-X', 'N10-M10-K1-P'],
];

/**
 * `-R`: hidden properties of another resource; `-X`: the shown fields carry no routing, the executor
 * reads them; `-P`: Title is a plain value instead of the expression `={{ $json.title }}`.
 * @param {string} contender
 */
function shapeOf(contender) {
	const match = /^N(\d+)-M(\d+)-K(\d+)((?:-[RXP])*)$/.exec(contender);
	if (!match) throw new Error(`not a structure contender: ${contender}`);
	const flags = match[4];
	return {
		topLevel: Number(match[1]),
		options: Number(match[2]),
		showValues: Number(match[3]),
		otherResource: flags.includes('R'),
		executorReads: flags.includes('X'),
		plainTitle: flags.includes('P'),
	};
}

/** @type {import('./index').Scenario} */
module.exports = {
	number: 8,
	key: 'structure',
	title: `description structure: per-item cost of a synthetic declarative node, ${COUNT.toLocaleString('en-US')} items`,

	async run(ctx) {
		// The fake only satisfies the worker's start/end checkpoints: the synthetic node sends nothing.
		const { contenders } = await ctx.compare('structure', {
			contenders: SHAPES,
			reps: Math.min(ctx.reps, 3),
			params: { count: COUNT, warmup: 300 },
			keep: {
				stats: ['bytesPerPendingItem'],
				derived: { cpuUsPerItem: (r) => (r.cpuMs * 1000) / COUNT, usPerItem: (r) => (r.ms * 1000) / COUNT },
				first: ['expressionsPerItem'],
			},
		});
		for (const [shape, data] of Object.entries(contenders)) data.shape = shapeOf(shape);
		return { count: COUNT, contenders };
	},

	async measure(contender, { count, warmup }, kit) {
		const { syntheticNodeType } = require('../lib/synthetic-node');
		const { Engine } = require('../lib/env').loadHarness();
		let before = 0;
		let allPending = 0;
		const shape = shapeOf(contender);
		const synthetic = syntheticNodeType(shape, {
			onPending: (pending) => {
				if (pending !== count) return;
				kit.gc();
				allPending = process.memoryUsage().heapUsed;
			},
		});
		const engine = new Engine({ nodeTypes: { 'bench.synthetic': synthetic.nodeType }, credentialTypes: {}, credentials: {} });
		const run = async (/** @type {number} */ items) => {
			synthetic.expect(items);
			const result = await engine.runNode({
				type: 'bench.synthetic',
				typeVersion: 1,
				credentials: {},
				parameters: { resource: 'thing', operation: 'op0', title: shape.plainTitle ? 'Plain title' : '={{ $json.title }}', additionalFields: { option0: 'set' } },
			}, kit.inputItems(items));
			if (result.error || result.items.length !== items) throw new Error(`${contender}: ${result.error?.message ?? `${result.items.length} of ${items} items`}`);
			return result;
		};
		await run(warmup);
		kit.gc();
		before = process.memoryUsage().heapUsed;
		const { ms, cpuMs } = await kit.measure(() => run(count));
		const expressionsPerItem = await kit.countExpressions(() => run(50), 50);
		return { ms, cpuMs, bytesPerPendingItem: (allPending - before) / count, expressionsPerItem };
	},

	section(result, r) {
		const c = result.contenders;
		const out = [
			`A synthetic declarative node (\`bench/lib/synthetic-node.js\`) run for ${r.num(result.count)} items, one Title expression and one set entry in its Additional Fields collection; N top-level properties (all but 4 hidden for the operation run), a collection of M entries, K operations in each hidden property’s \`displayOptions.show.operation\`. Its pagination hook answers without a request once every item has reached it, so the figures are n8n’s own per-item work (building each item’s context and request, walking the properties) and what it holds per pending item.`,
			'',
			...r.table(
				['Shape', 'N top-level', 'M collection entries', 'K operations per displayOptions', 'Variant', 'CPU µs per item', 'Heap per pending item (KiB)', 'Expressions per item'],
				Object.entries(c).map(([key, { shape, ...d }]) => {
					const variant = [shape.otherResource && 'hidden ones of another resource', shape.executorReads && 'fields without routing, read by the executor', shape.plainTitle && 'plain Title (no expression)'].filter(Boolean).join('; ') || '–';
					return [key, shape.topLevel, shape.options, shape.showValues, variant, r.mmm(d.cpuUsPerItem), r.mmm(d.bytesPerPendingItem, 1, 1024), r.num(d.expressionsPerItem, 1)];
				}),
			),
		];
		const plain = (/** @type {any} */ d) => d.shape.options === 10 && d.shape.showValues === 1 && !d.shape.otherResource && !d.shape.executorReads && !d.shape.plainTitle;
		const fit = slope(Object.values(c).filter(plain), (d) => d.shape.topLevel);
		if (fit) out.push('', `Least-squares fit over N (M = 10, K = 1): **${r.num(fit.perUnit, 1)} µs of CPU per top-level property per item**, ${r.num(fit.intercept)} µs per item at N = 0.`);
		return out;
	},
};

/**
 * Least-squares line of CPU µs per item over `x`. @param {any[]} rows @param {(row: any) => number} x
 * @returns {{ perUnit: number, intercept: number } | undefined}
 */
function slope(rows, x) {
	if (rows.length < 2) return undefined;
	const xs = rows.map(x);
	const ys = rows.map((row) => row.cpuUsPerItem.median);
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = ys.reduce((a, b) => a + b, 0) / ys.length;
	const sxx = xs.reduce((a, v) => a + (v - mx) ** 2, 0);
	if (!sxx) return undefined;
	const perUnit = xs.reduce((a, v, i) => a + (v - mx) * (ys[i] - my), 0) / sxx;
	return { perUnit, intercept: my - perUnit * mx };
}
