// @ts-check
'use strict';

/**
 * The bench's scenarios, in the order a full run measures them. A scenario is one module:
 *
 *   number, key, title
 *   run(ctx)                      parent side, once per engine: starts fakes, repeats measurements
 *                                 (ctx: bench/lib/orchestrate.js), returns the scenario's result
 *   measure(contender, params, kit)  worker side (bench/worker.js, a fresh process on the engine's Node):
 *                                 one measured run of one contender (kit: bench/lib/kit.js)
 *   summary(result, r)            optional: rows for BENCHMARKS.md's cross-engine table
 *   section(result, r)            BENCHMARKS.md lines for one engine's result (r: bench/lib/report.js helpers)
 *
 * To add one: write bench/scenarios/<key>.js and list it here. `node bench/run.js --only <number|key>`.
 */

/**
 * @typedef {object} Scenario
 * @property {number} number
 * @property {string} key
 * @property {string} title
 * @property {(ctx: import('../lib/orchestrate').ScenarioContext) => Promise<any>} run
 * @property {(contender: string, params: any, kit: import('../lib/kit').Kit) => Promise<Record<string, unknown>>} [measure]
 * @property {(result: any, r: import('../lib/report').ReportHelpers) => Array<{ what: string, value: string }>} [summary]
 * @property {(result: any, r: import('../lib/report').ReportHelpers) => string[]} section
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

/** @param {string} key @returns {Scenario} */
function scenarioByKey(key) {
	const found = SCENARIOS.find((s) => s.key === key);
	if (!found) throw new Error(`unknown scenario "${key}"`);
	return found;
}

module.exports = { SCENARIOS, scenarioByKey };
