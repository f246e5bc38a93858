// @ts-check
'use strict';

/**
 * The n8n engines the bench runs on (`--engine 2.8,2.30,2.40`), each with the Node it needs and the
 * built-in Pipedrive node it compares against. Every contender of an engine, the raw `fetch` loop
 * included, runs on that engine's Node, so ratios to raw compare like with like.
 *
 *   2.8   n8n-core 2.8.1 (repo dev dependency), Node running the bench (20); built-in V1 from n8n 2.8.4
 *   2.30  n8n-core 2.30.0, Node 24 (n8n 2.30 needs ≥ 22.22); built-in V2 from n8n-nodes-base 2.30.0
 *   2.40  n8n-core 2.40.3, Node 24; built-in V2 from n8n 2.40.7's n8n-nodes-base (2.40.2)
 *
 * The runtimes are pinned folders (test/e2e/n8n/runtimes.js) installed on first use.
 */

const fs = require('fs');
const path = require('path');

const { ensureRuntimes, runtimeStatus } = require('../../test/e2e/n8n/ensure-runtime');
const { REPO_ROOT, nodeBinaryFor, packageDir, packageVersion, runtimeSpec } = require('../../test/e2e/n8n/runtimes');

/**
 * @typedef {object} EngineDefinition
 * @property {string} id
 * @property {string | null} engineRuntime runtime holding n8n-core + n8n-workflow (null: the repo's node_modules)
 * @property {string} builtinRuntime runtime holding the built-in node's n8n-nodes-base
 */

/** @type {EngineDefinition[]} */
const DEFINITIONS = [
	{ id: '2.8', engineRuntime: null, builtinRuntime: 'n8n-2.8' },
	{ id: '2.30', engineRuntime: 'n8n-core-2.30', builtinRuntime: 'n8n-core-2.30' },
	{ id: '2.40', engineRuntime: 'n8n-core-2.40', builtinRuntime: 'n8n-2.40' },
];

const ENGINE_IDS = DEFINITIONS.map((d) => d.id);

/**
 * @typedef {object} Engine
 * @property {string} id
 * @property {string} node the Node binary its workers run on
 * @property {string} engineModules folder holding n8n-core and n8n-workflow
 * @property {string | null} builtinModules folder holding n8n-nodes-base (null: not installed)
 * @property {{ node: string, n8nCore?: string, n8nWorkflow?: string, n8nNodesBase?: string }} versions
 * @property {string} title e.g. "n8n-core 2.40.3 (Node v24.22.3)"
 */

/** @param {string} id @returns {Engine} */
function describeEngine(id) {
	const definition = DEFINITIONS.find((d) => d.id === id);
	if (!definition) throw new Error(`unknown engine "${id}" (known: ${ENGINE_IDS.join(', ')})`);
	const engineSpec = definition.engineRuntime ? runtimeSpec(definition.engineRuntime) : null;
	const builtinSpec = runtimeSpec(definition.builtinRuntime);
	const engineModules = engineSpec ? path.join(engineSpec.dir, 'node_modules') : path.join(REPO_ROOT, 'node_modules');
	const node = engineSpec ? nodeBinaryFor(engineSpec) : process.execPath;
	const baseDir = packageDir(builtinSpec, 'n8n-nodes-base');
	const builtinModules = fs.existsSync(path.join(baseDir, 'package.json')) ? path.dirname(baseDir) : null;
	const nodeVersion = engineSpec && fs.existsSync(node) ? require('child_process').execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() : process.version;
	const versions = {
		node: nodeVersion,
		n8nCore: packageVersion(path.join(engineModules, 'n8n-core')),
		n8nWorkflow: packageVersion(path.join(engineModules, 'n8n-workflow')),
		n8nNodesBase: builtinModules ? packageVersion(baseDir) : undefined,
	};
	return { id, node, engineModules, builtinModules, versions, title: `n8n-core ${versions.n8nCore} (Node ${versions.node})` };
}

/**
 * Installs what the chosen engines need (first use only) and describes them.
 * @param {string[]} ids
 * @param {{ builtin: boolean, log: (line: string) => void }} options
 * @returns {Promise<Engine[]>}
 */
async function prepareEngines(ids, options) {
	const needed = new Set();
	for (const id of ids) {
		const definition = DEFINITIONS.find((d) => d.id === id);
		if (!definition) throw new Error(`unknown engine "${id}" (known: ${ENGINE_IDS.join(', ')})`);
		if (definition.engineRuntime) needed.add(definition.engineRuntime);
		if (options.builtin) needed.add(definition.builtinRuntime);
	}
	const missing = [...needed].filter((name) => !runtimeStatus(name).upToDate);
	if (missing.length) {
		options.log(`installing runtimes on first use: ${missing.join(', ')} (a few minutes once)…`);
		await ensureRuntimes(missing, { log: (line) => options.log(`  ${line.trim()}`) });
	}
	return ids.map(describeEngine);
}

module.exports = { ENGINE_IDS, describeEngine, prepareEngines };
