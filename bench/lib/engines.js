// @ts-check
'use strict';

/**
 * The n8n engines the bench runs on (`--engine 2.8,2.30,2.40`; versions in bench/README.md), each with the
 * Node it needs and the built-in Pipedrive node it compares against. Every contender of an engine, the raw
 * `fetch` loop included, runs on that engine's Node. Runtimes: pinned folders (test/e2e/n8n/runtimes.js)
 * installed on first use.
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ensureRuntimes, runtimeStatus } = require('../../test/e2e/n8n/ensure-runtime');
const { REPO_ROOT, nodeBinaryFor, packageDir, packageVersion, runtimeSpec } = require('../../test/e2e/n8n/runtimes');

/** `engineRuntime` holds n8n-core + n8n-workflow (null: the repo's node_modules), `builtinRuntime` the built-in node. */
const DEFINITIONS = [
	{ id: '2.8', engineRuntime: null, builtinRuntime: 'n8n-2.8' },
	{ id: '2.30', engineRuntime: 'n8n-core-2.30', builtinRuntime: 'n8n-core-2.30' },
	{ id: '2.40', engineRuntime: 'n8n-core-2.40', builtinRuntime: 'n8n-2.40' },
];

const ENGINE_IDS = DEFINITIONS.map((d) => d.id);

/** @param {string} id */
function definitionOf(id) {
	const definition = DEFINITIONS.find((d) => d.id === id);
	if (!definition) throw new Error(`unknown engine "${id}" (known: ${ENGINE_IDS.join(', ')})`);
	return definition;
}

/**
 * Where an engine's Node, n8n-core/n8n-workflow and built-in node (null: not installed) are, and their
 * versions; `title` e.g. "n8n-core 2.40.3 (Node v24.22.3)".
 * @param {string} id
 */
function describeEngine(id) {
	const definition = definitionOf(id);
	const engineSpec = definition.engineRuntime ? runtimeSpec(definition.engineRuntime) : null;
	const engineModules = engineSpec ? path.join(engineSpec.dir, 'node_modules') : path.join(REPO_ROOT, 'node_modules');
	const node = engineSpec ? nodeBinaryFor(engineSpec) : process.execPath;
	const baseDir = packageDir(runtimeSpec(definition.builtinRuntime), 'n8n-nodes-base');
	const builtinModules = fs.existsSync(path.join(baseDir, 'package.json')) ? path.dirname(baseDir) : null;
	const versions = {
		node: engineSpec && fs.existsSync(node) ? execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() : process.version,
		n8nCore: packageVersion(path.join(engineModules, 'n8n-core')),
		n8nWorkflow: packageVersion(path.join(engineModules, 'n8n-workflow')),
		n8nNodesBase: builtinModules ? packageVersion(baseDir) : undefined,
	};
	return { id, node, engineModules, builtinModules, versions, title: `n8n-core ${versions.n8nCore} (Node ${versions.node})` };
}

/** @typedef {ReturnType<typeof describeEngine>} Engine */

/**
 * Installs what the chosen engines need (first use only) and describes them.
 * @param {string[]} ids
 * @param {{ builtin: boolean, log: (line: string) => void }} options
 * @returns {Promise<Engine[]>}
 */
async function prepareEngines(ids, options) {
	const needed = new Set(ids.map(definitionOf).flatMap((d) => [d.engineRuntime, options.builtin ? d.builtinRuntime : null]).filter((name) => name !== null));
	const missing = [...needed].filter((name) => !runtimeStatus(name).upToDate);
	if (missing.length) {
		options.log(`installing runtimes on first use: ${missing.join(', ')} (a few minutes once)…`);
		await ensureRuntimes(missing, { log: (line) => options.log(`  ${line.trim()}`) });
	}
	return ids.map(describeEngine);
}

module.exports = { ENGINE_IDS, describeEngine, prepareEngines };
