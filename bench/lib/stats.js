// @ts-check
'use strict';

/** @param {number[]} values */
function summary(values) {
	const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return { n: 0, min: NaN, median: NaN, max: NaN };
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { n: sorted.length, min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** @param {number} a @param {number} b */
function ratio(a, b) {
	return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

/** What the list scenarios (Return All, custom fields) keep of one contender's runs. @param {any[]} list */
function listRunSummary(list) {
	const pick = (/** @type {(r: any) => number} */ fn) => summary(list.map(fn));
	return {
		ms: pick((r) => r.ms),
		cpuMs: pick((r) => r.cpuMs),
		rssDelta: pick((r) => r.memory.rssDelta),
		heapDelta: pick((r) => r.memory.heapDelta),
		builtinVersion: list[0].builtinVersion,
		requests: list[0].server.byOperation,
		bytes: list[0].server.bytes,
		sample: list[0].sample,
	};
}

module.exports = { summary, ratio, listRunSummary };
