// @ts-check
'use strict';

/**
 * The bench's scenarios, in the order a full run measures them, one module each. To add one: write
 * bench/scenarios/<key>.js and list it here; `node bench/run.js --only <number|key>` runs it.
 * @typedef {object} Scenario
 * @property {number} number
 * @property {string} key
 * @property {string} title
 * @property {(ctx: import('../lib/orchestrate').ScenarioContext) => Promise<any>} run parent side, once per engine: fakes, repetitions; returns the result
 * @property {(contender: string, params: any, kit: import('../lib/kit').Kit) => Promise<Record<string, unknown>>} [measure] worker side (bench/worker.js, a fresh process on the engine's Node): one measured run of one contender
 * @property {(result: any, r: import('../lib/report').ReportHelpers) => Array<{ what: string, value: string }>} [summary] rows of BENCHMARKS.md's cross-engine table
 * @property {(result: any, r: import('../lib/report').ReportHelpers) => string[]} section BENCHMARKS.md lines for one engine's result
 */

/** @type {Scenario[]} */
const SCENARIOS = [
	require('./load'),
	require('./writes'),
	require('./returnAll'),
	require('./customFields'),
	require('./trigger'),
	require('./rateLimited'),
	require('./pending'),
	require('./structure'),
	require('./poll'),
];

module.exports = { SCENARIOS };
