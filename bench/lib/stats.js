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

/**
 * Each contender's runs as the report keeps them: min/median/max of each `stats` field and `derived`
 * figure, the `first` run's fields, its built-in version and the requests the fake counted.
 * @param {Record<string, any[]>} runs
 * @param {{ stats?: string[], derived?: Record<string, (run: any) => number>, first?: string[] }} keep
 * @returns {Record<string, any>}
 */
function summariseRuns(runs, { stats = [], derived = {}, first = [] }) {
	return Object.fromEntries(
		Object.entries(runs).map(([contender, list]) => {
			/** @type {Array<[string, (run: any) => number]>} */
			const picks = [...stats.map((key) => /** @type {[string, (run: any) => number]} */ ([key, (run) => run[key]])), ...Object.entries(derived)];
			return [
				contender,
				{
					...Object.fromEntries(picks.map(([key, pick]) => [key, summary(list.map(pick))])),
					...Object.fromEntries(first.map((key) => [key, list[0][key]])),
					builtinVersion: list[0].builtinVersion,
					requests: list[0].server?.byOperation,
				},
			];
		}),
	);
}

module.exports = { summary, ratio, summariseRuns };
