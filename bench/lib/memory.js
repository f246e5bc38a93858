// @ts-check
'use strict';

/** Memory measuring every bench worker shares (workers run with --expose-gc). */

/** A full collection, twice (the second frees what finalizers released), when exposed. */
function gc() {
	const collect = /** @type {any} */ (globalThis).gc;
	collect?.();
	collect?.();
}

/** Samples RSS and heap every 10 ms from a baseline taken after a GC; `stop()` gives the peaks above it. */
function startSampler() {
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
	};
	const timer = setInterval(sample, 10);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { rssDelta: peakRss - base.rss, heapDelta: peakHeap - base.heapUsed };
		},
	};
}

module.exports = { gc, startSampler };
