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

module.exports = { summary, ratio };
