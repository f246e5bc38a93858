// @ts-check
'use strict';

/**
 * 7. Memory per pending item: what a node holds for each input item while the items wait for their
 * requests. n8n's RoutingNode (declarative nodes, ours) builds every item's context and request and
 * starts it before awaiting any; a programmatic node (the built-in) handles one item after another.
 *
 * The worker notes the heap (after a full GC) when the first response arrives: by then every item
 * of the run has been started. (heap then − heap before the run) / items = bytes per pending item.
 * The first repetition also takes heap snapshots (before the run and at the first response, a
 * smaller run) and reports which kinds of objects grew, per item.
 */

const http = require('http');
const os = require('os');
const path = require('path');

const COUNT = 2000;
const SNAPSHOT_COUNT = 500;

/** Calls `fn` once, when the first HTTP response of this process arrives. @param {() => void} fn */
function onFirstResponse(fn) {
	const original = http.request;
	let fired = false;
	// @ts-ignore same signature as http.request
	http.request = function (...args) {
		const request = /** @type {any} */ (original).apply(this, args);
		request.once('response', () => {
			if (fired) return;
			fired = true;
			http.request = original;
			fn();
		});
		return request;
	};
}

/** @type {import('./index').Scenario} */
module.exports = {
	number: 7,
	key: 'pending',
	title: `memory per pending item: ${COUNT.toLocaleString('en-US')} single-item creates`,

	async run(ctx) {
		const { contenders } = await ctx.compare('pending', {
			contenders: ['ours', ...(ctx.builtin ? ['builtin'] : [])],
			reps: Math.min(ctx.reps, 3),
			params: (rep) => ({ count: COUNT, warmup: 200, snapshot: rep === 1 ? SNAPSHOT_COUNT : 0 }),
			keep: { stats: ['bytesPerPendingItem', 'rssDelta', 'heapDelta'], derived: { cpuUsPerItem: (r) => (r.cpuMs * 1000) / COUNT }, first: ['growth'] },
		});
		return { count: COUNT, snapshotCount: SNAPSHOT_COUNT, contenders };
	},

	async measure(contender, { count, warmup, snapshot }, kit) {
		const engine = kit.engineFor(contender);
		const run = (/** @type {any[]} */ items) => kit.nodeCreate(engine, contender, items);
		await run(kit.inputItems(warmup, 1_000_000));
		kit.gc();
		const before = process.memoryUsage().heapUsed;
		let atFirstResponse = before;
		onFirstResponse(() => {
			kit.gc();
			atFirstResponse = process.memoryUsage().heapUsed;
		});
		const { output, ...measured } = await kit.measure(() => run(kit.inputItems(count)));
		if (output.error || output.failed) throw new Error(`${contender}: ${output.failed} failed ${output.error ?? ''}`);
		let growth;
		if (snapshot) {
			const { snapshotSummary, growth: grew } = require('../lib/heap');
			const file = (/** @type {string} */ name) => path.join(os.tmpdir(), `bench-${process.pid}-${name}.heapsnapshot`);
			const base = snapshotSummary(file('base'));
			/** @type {Map<string, { count: number, size: number }> | undefined} */
			let pending;
			onFirstResponse(() => {
				pending = snapshotSummary(file('pending'));
			});
			await run(kit.inputItems(snapshot, 3_000_000));
			if (pending) growth = grew(base, pending, snapshot);
		}
		return { ...measured, bytesPerPendingItem: (atFirstResponse - before) / count, growth };
	},

	summary(result, r) {
		const c = result.contenders;
		return [{ what: 'Heap per pending item, ours / built-in', value: `${r.num(r.med(c.ours, 'bytesPerPendingItem') / 1024, 1)} / ${c.builtin ? r.num(r.med(c.builtin, 'bytesPerPendingItem') / 1024, 1) : '–'} KiB` }];
	},

	section(result, r) {
		const c = result.contenders;
		const out = [
			`${r.num(result.count)} items, one deal each, as in scenario 1. “Heap per pending item”: used heap after a full GC at the moment the first response arrives (every item has been started by then) minus before the run, divided by the items. The object kinds are from heap snapshots of a ${r.num(result.snapshotCount)}-item run (before, and at the first response), growth per item.`,
			'',
			...r.contenderTable(c, ['Contender', 'Heap per pending item (KiB)', 'Peak heap Δ (MiB)', 'Peak RSS Δ (MiB)', 'CPU µs per item'], (d) => [r.mmm(d.bytesPerPendingItem, 1, 1024), r.mmm(d.heapDelta, 1, r.MiB), r.mmm(d.rssDelta, 1, r.MiB), r.mmm(d.cpuUsPerItem)]),
		];
		for (const [key, data] of Object.entries(c).filter(([, data]) => data.growth)) {
			out.push('', `${r.label(key, data)}: ${r.num(data.growth.totalPerItem / 1024, 1)} KiB per pending item in the snapshot; the kinds that grew most:`, '');
			const kind = (/** @type {any} */ row) => `\`${row.kind.replace(/\|/g, '\\|').slice(0, 80)}\``;
			out.push(...r.table(['Kind (`type:name`)', 'Bytes per item', 'Objects per item'], data.growth.rows.slice(0, 12).map((/** @type {any} */ row) => [kind(row), r.num(row.bytesPerItem), r.num(row.countPerItem, 1)])));
		}
		return out;
	},
};
